import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IPC
import Logging
import ServiceSupport
import Store
import Testing
import TestScratch

@testable import Gateway

/// `GET /api/v1/admin/usage` and the `/admin` page: administrators only, the store's own
/// numbers, the budgets the guard enforces, and a page that loads under the gateway's policy.
@Suite("Admin usage")
struct AdminUsageTests {
    /// Spends `costs` (USD) in runs of a new session of the token's tenant; `ends` says how each run ended.
    static func spend(
        _ harness: GatewayHarness, token: String, costs: [Double], ends: [(EventType, String?)], model: String = "gpt-4o-mini"
    ) async throws -> String {
        let tenant = try #require(try await harness.store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await harness.store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 0.5)
        for (cost, end) in zip(costs, ends) {
            let run = try await harness.store.createRun(sessionId: session.id, content: "x")
            _ = try await harness.store.addUsage(
                runId: run.id, sessionId: session.id, provider: "openai", model: model, inputTokens: 1000, outputTokens: 200, costUsd: cost)
            var reasons: [String: String] = [:]
            if let reason = end.1 { reasons[run.id] = reason }
            try await harness.store.append(
                [EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: session.id, seq: 1, type: end.0, ts: Timestamp.now(), payload: "{}")],
                terminalReasons: reasons)
        }
        return session.id
    }

    static func decode(_ reply: GatewayHarness.Reply) throws -> UsageSummary {
        try JSONDecoder().decode(UsageSummary.self, from: Data(reply.body.utf8))
    }

    @Test func withoutATokenItIs401() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage", token: .some(nil))
            #expect(reply.status == 401)
            #expect(reply.errorCode == "unauthorized")
        }
    }

    @Test func aTenantsTokenIs403() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage?since=30d")
            #expect(reply.status == 403)
            #expect(reply.errorCode == "forbidden")
            #expect(reply.body.contains("administrator"))
        }
    }

    @Test func theNumbersAreTheStoresForTheSameSince() async throws {
        let harness = try GatewayHarness()
        let admin = try harness.store.createToken(tenantName: "ops", admin: true)
        let other = try harness.store.createToken(tenantName: "acme")
        _ = try await Self.spend(harness, token: harness.token, costs: [0.011, 0.022, 0.005],
                                 ends: [(.runCompleted, nil), (.runFailed, "provider_error"), (.runInterrupted, "cost_cap")])
        _ = try await Self.spend(harness, token: other, costs: [0.3], ends: [(.runCompleted, nil)], model: "gpt-4o")
        let since = try #require(UsageWindow.start(of: "2020-01-01T00:00:00Z"))
        let expected = try await harness.store.usage(since: since)
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage?since=2020-01-01T00:00:00Z", token: admin)
            #expect(reply.status == 200)
            #expect(try Self.decode(reply) == expected)
            #expect(reply.object["window"] as? String == "2020-01-01T00:00:00Z")
            // A relative window is resolved when asked, and reads the same rows.
            let earliest = try #require(UsageWindow.start(of: "7d"))
            let week = try await client.request(.get, "/api/v1/admin/usage?since=7d", token: admin)
            let latest = try #require(UsageWindow.start(of: "7d"))
            let weekSummary = try Self.decode(week)
            #expect(earliest <= weekSummary.since && weekSummary.since <= latest)
            #expect(weekSummary.tenants == expected.tenants)
            #expect(weekSummary.outcomes == expected.outcomes)
            // Without `since`: the CLI's default, 7 days.
            let plain = try await client.request(.get, "/api/v1/admin/usage", token: admin)
            #expect(plain.object["window"] as? String == "7d")
        }
        // The fixture spends what it says: the comparison above is not of two empty reports.
        #expect(abs(expected.totalCostUsd - 0.338) < 1e-9)
        #expect(expected.tenants.first { $0.tenant == "owner" }.map { ($0.runs, $0.failedRuns, $0.interruptedRuns) } ?? (0, 0, 0) == (3, 1, 1))
        #expect(expected.outcomes.contains { $0.status == "failed" && $0.reason == "provider_error" && $0.count == 1 })
        #expect(expected.topSessions.first?.tenant == "acme")
    }

    @Test func budgetsAreTheGuardsLimitsAndSpendToday() async throws {
        let harness = try GatewayHarness()
        let admin = try harness.store.createToken(tenantName: "ops", admin: true)
        _ = try harness.store.updateTenant(name: "owner") {
            $0.dailyBudgetUsd = 0.10
            $0.maxSessions = 7
            $0.storageMb = 3
        }
        _ = try await Self.spend(harness, token: harness.token, costs: [0.2], ends: [(.runCompleted, nil)])
        _ = try await Self.spend(harness, token: harness.token, costs: [], ends: [])
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage?since=today", token: admin)
            #expect(reply.status == 200)
            let budgets = try #require(reply.object["budgets"] as? [[String: Any]])
            let owner = try #require(budgets.first { $0["tenant"] as? String == "owner" })
            #expect(owner["spent_today_usd"] as? Double == 0.2)
            #expect(owner["daily_budget_usd"] as? Double == 0.1)
            #expect(owner["exhausted"] as? Bool == true)
            #expect(owner["budget_left_usd"] as? Double == 0)
            // Quotas: what the guard counts against what it allows.
            #expect(owner["sessions"] as? Int == 2)
            #expect(owner["max_sessions"] as? Int == 7)
            #expect(owner["storage_limit_bytes"] as? Int == 3 * 1024 * 1024)
            #expect(owner["active_runs"] as? Int == 0)
            let defaults = GuardrailSettings().tenantDefaults
            #expect(owner["max_concurrent_runs"] as? Int == defaults.maxConcurrentRuns)
            #expect(owner["requests_per_minute"] as? Int == defaults.requestsPerMinute)
            // A tenant without its own budget has the operator's default, as the guard applies it.
            let ops = try #require(budgets.first { $0["tenant"] as? String == "ops" })
            #expect(ops["daily_budget_usd"] as? Double == GuardrailSettings().tenantDefaults.dailyBudgetUsd)
            #expect(ops["exhausted"] as? Bool == false)
            #expect(ops["budget_left_usd"] as? Double == defaults.dailyBudgetUsd)
            #expect(ops["sessions"] as? Int == 0)
            // …and the guard agrees: the owner's next run is refused.
            let session = try await client.createSession()
            let refused = try await client.request(.post, "/api/v1/sessions/\(session)/messages", json: #"{"content": "go"}"#)
            #expect(refused.errorCode == "budget_exceeded")
        }
    }

    @Test func thePoolIsReported() async throws {
        let harness = try GatewayHarness()
        let admin = try harness.store.createToken(tenantName: "ops", admin: true)
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage", token: admin)
            let pool = try #require(reply.object["pool"] as? [String: Any])
            // No worker ever connected to this in-process gateway.
            #expect(pool["idle_workers"] as? Int == 0)
            #expect(pool["busy_workers"] as? Int == 0)
            #expect(pool["queue_depth"] as? Int == 0)
            #expect(pool["active_runs"] as? Int == 0)
            #expect(pool["draining"] as? Bool == false)
        }
    }

    @Test(arguments: ["yesterday", "7w", "-7d", "2026-02-30T00:00:00Z", "2026-01-01", "2023-02-29T00:00:00Z", "2026-01-01T24:00:00Z"])
    func anUnreadableSinceIs400(since: String) async throws {
        let harness = try GatewayHarness()
        let admin = try harness.store.createToken(tenantName: "ops", admin: true)
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/admin/usage?since=\(since)", token: admin)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "invalid_request")
        }
    }

    @Test func theDocumentDescribesTheReport() throws {
        let harness = try GatewayHarness()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(harness.gateway.routes.routes).utf8)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let report = try #require(schemas["AdminUsage"] as? [String: Any])
        let required = Set(report["required"] as? [String] ?? [])
        // Every field the CLI prints, plus what only the gateway knows.
        #expect(required.isSuperset(of: ["since", "total_cost_usd", "tenants", "days", "models", "outcomes", "top_sessions", "budgets", "pool"]))
        let paths = try #require(document["paths"] as? [String: Any])
        let get = try #require((paths["/api/v1/admin/usage"] as? [String: Any])?["get"] as? [String: Any])
        #expect((get["security"] as? [Any])?.isEmpty == false)
    }

    // MARK: The page

    /// A gateway serving the bundled web files, as `serve` does.
    static func servingPages() throws -> GatewayServices {
        let directory = Scratch.directory("admin-page")
        let store = try Store(dataDirectory: directory)
        var options = GatewayOptions()
        options.dataDirectory = directory
        options.runtimeDirectory = directory + "/run"
        let settings = GatewaySettings(environment: [:])
        return buildGateway(options: options, settings: settings, store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func adminIsTheDashboardPageUnderTheGatewaysPolicy() async throws {
        let gateway = try Self.servingPages()
        try await Application(router: gateway.router).test(.router) { client in
            let bare = try await client.executeRequest(uri: "/admin", method: .get, headers: [:], body: nil)
            #expect(bare.status == .movedPermanently)
            #expect(bare.headers[.location] == "/admin/")
            let page = try await client.executeRequest(uri: "/admin/", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let policy: String = page.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            #expect(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'none'"))
            let html = String(buffer: page.body)
            // No inline script (the policy would block it) and nothing from another origin.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(!scripts.isEmpty)
            #expect(scripts.allSatisfy { $0.hasPrefix(" type=\"module\" src=\"/") && $0.contains("></script>") })
            #expect(!html.contains("http://") && !html.contains("https://"))
            // Every file the page loads (stylesheet, modules and their imports) is served.
            var pending = Self.references(in: html)
            var seen: Set<String> = []
            while let path = pending.popLast() {
                guard seen.insert(path).inserted else { continue }
                let file = try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil)
                #expect(file.status == .ok, "\(path)")
                // The SVG namespace is a name, not an address anything is fetched from.
                let text = String(buffer: file.body).replacingOccurrences(of: "'http://www.w3.org/2000/svg'", with: "")
                #expect(!text.contains("http://") && !text.contains("https://"), "\(path) reaches outside")
                if path.hasSuffix(".js") { pending += Self.imports(in: text, relativeTo: path) }
            }
            #expect(seen.contains("/js/admin/chart.js") && seen.contains("/css/admin.css"))
        }
    }

    /// `src="/…"` and `href="/…"` of a page (not the bare "/" link back to the workspace).
    static func references(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href)="(/[^"]+)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    /// `import … from './x.js'` of a module at `path`, as absolute paths.
    static func imports(in source: String, relativeTo path: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"from '(\.{1,2}/[^']+)'"#)
        let base = URL(string: "http://page" + path)!
        return pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).compactMap { match in
            Range(match.range(at: 1), in: source).flatMap { URL(string: String(source[$0]), relativeTo: base)?.path }
        }
    }
}

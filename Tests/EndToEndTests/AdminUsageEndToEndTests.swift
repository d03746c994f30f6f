import Foundation
import Testing

/// The dashboard's API and `resume-agent usage` on the real service after a real journey: the
/// same numbers for the same `since`, and money actually spent (the local model is priced).
@Suite("Admin usage end to end")
struct AdminUsageEndToEndTests {
    /// The summary's own fields: what both the CLI and the API print.
    static let summaryKeys = ["since", "total_cost_usd", "tenants", "days", "models", "outcomes", "top_sessions"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A JSON value as text with sorted keys: two decoded values are equal when these are.
    static func canonical(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// An analysis, then a tailoring run whose first proposal is approved and the rest rejected.
    static func journey(_ client: TestHTTPClient) async throws -> String {
        let session = try await client.preparedSession()
        let analysis = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        #expect(analysis.last?.event == "run_completed")
        let run = try await client.message(session, "Tailor my resume to this job")
        var approved = 0
        var last: String?
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            last = event.event
            guard event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true,
                  let approval = event.payload["approval_id"] as? String else { continue }
            let decision = approved == 0 ? "approve" : "reject"
            #expect(try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/\(decision)").status == 200)
            if decision == "approve" { approved += 1 }
        }
        #expect(approved == 1)
        #expect(last == "run_completed")
        return session
    }

    @Test func theAPIAndTheCLIGiveTheSameNumbersForTheSameSince() async throws {
        let service = try ServiceProcess(label: "admin-usage", environment: ["RESUME_AGENT_PRICES": "local-deterministic=1/2"])
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await Self.journey(client)

        for since in ["today", "2020-01-01T00:00:00Z", "30d"] {
            let api = try await client.get("/api/v1/admin/usage?since=\(since)")
            #expect(api.status == 200)
            let cli = try Self.json(try GuardrailEndToEndTests.cli(["usage", "--since", since, "--json", "--data-dir", service.dataDirectory]))
            let fromAPI = api.json
            for key in Self.summaryKeys where key != "since" {
                let (a, b) = (try Self.canonical(fromAPI[key]), try Self.canonical(cli[key]))
                #expect(a == b, "\(since): \(key) differs: API \(a), CLI \(b)")
            }
            // A relative window is resolved at each call; an absolute one is the same instant.
            if since.hasPrefix("2020") { #expect(fromAPI["since"] as? String == cli["since"] as? String) }
        }

        let report = try await client.get("/api/v1/admin/usage?since=today").json
        let total = try #require(report["total_cost_usd"] as? Double)
        #expect(total > 0, "the priced local model cost nothing")
        let tenants = try #require(report["tenants"] as? [[String: Any]])
        let owner = try #require(tenants.first { $0["tenant"] as? String == "default" })
        #expect(owner["runs"] as? Int == 2)
        #expect(owner["failed_runs"] as? Int == 0)
        #expect((report["top_sessions"] as? [[String: Any]])?.first?["session_id"] as? String == session)
        #expect((report["models"] as? [[String: Any]])?.first?["model"] as? String == "local-deterministic")
        // Today's budget use is the same sum (the ledger since midnight UTC).
        let budget = try #require((report["budgets"] as? [[String: Any]])?.first { $0["tenant"] as? String == "default" })
        #expect(budget["spent_today_usd"] as? Double == total)
        // Quotas in use: the journey's one session and its upload, JD and approved version on disk.
        #expect(budget["sessions"] as? Int == 1)
        #expect((budget["storage_bytes"] as? Int ?? 0) > 0)
        #expect(budget["max_sessions"] is Int && budget["storage_limit_bytes"] is Int)
        let pool = try #require(report["pool"] as? [String: Any])
        #expect(pool["busy_workers"] as? Int == 0 && pool["active_runs"] as? Int == 0 && pool["draining"] as? Bool == false)

        // The text output carries the same total and the tables the page shows.
        let text = try GuardrailEndToEndTests.cli(["usage", "--since", "today", "--data-dir", service.dataDirectory])
        #expect(text.contains(String(format: "$%.4f in all", total)))
        for heading in ["TENANT", "RUN OUTCOME", "DAY (UTC)", "PROVIDER", "TOP SESSIONS"] { #expect(text.contains(heading), "\(heading)") }
        #expect(text.contains(session))

        // A tenant's token is refused; the first-run token is an administrator's.
        let created = try GuardrailEndToEndTests.cli(["token", "create", "--tenant", "acme", "--data-dir", service.dataDirectory])
        let tenantToken = try #require(created.split(separator: "\n").last.map(String.init))
        #expect(try await TestHTTPClient(port: client.port, token: tenantToken).get("/api/v1/admin/usage").status == 403)
        #expect(try await TestHTTPClient(port: client.port, token: nil).get("/api/v1/admin/usage").status == 401)
    }
}

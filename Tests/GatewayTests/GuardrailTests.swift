import Foundation
import HTTPTypes
import IPC
import NIOCore
import ServiceSupport
import Store
import Testing

@testable import Gateway

/// Each limit answers with its pinned status and code (and `Retry-After` where pinned).
@Suite("Guardrails")
struct GuardrailTests {
    func tenantId(_ harness: GatewayHarness) async throws -> String {
        try #require(try await harness.store.tenant(forTokenSHA256: SHA256.hex(Array(harness.token.utf8))))
    }

    @Test func sessionsPastTheQuotaAre403() async throws {
        let harness = try GatewayHarness()
        _ = try harness.store.updateTenant(name: "owner") { $0.maxSessions = 2 }
        try await harness.test { client in
            _ = try await client.createSession()
            _ = try await client.createSession()
            let refused = try await client.request(.post, "/api/v1/sessions", json: "{}")
            #expect(refused.status == 403)
            #expect(refused.errorCode == "quota_exceeded")
            #expect((refused.object["error"] as? [String: Any])?["details"] as? [String: Any] != nil)
        }
    }

    @Test func requestsPastTheRateAre429WithRetryAfter() async throws {
        let harness = try GatewayHarness()
        _ = try harness.store.updateTenant(name: "owner") { $0.requestsPerMinute = 5 }
        try await harness.test { client in
            for _ in 0..<5 { #expect(try await client.request(.get, "/api/v1/workflow").status == 200) }
            let limited = try await client.request(.get, "/api/v1/workflow")
            #expect(limited.status == 429)
            #expect(limited.errorCode == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
    }

    @Test func aSpentDailyBudgetIs402ForNewRuns() async throws {
        let harness = try GatewayHarness()
        _ = try harness.store.updateTenant(name: "owner") { $0.dailyBudgetUsd = 0.10 }
        try await harness.test { client in
            let session = try await client.createSession()
            let run = try await harness.store.createRun(sessionId: session, content: "x")
            _ = try await harness.store.addUsage(runId: run.id, sessionId: session, provider: "openai", model: "gpt-4o-mini", inputTokens: 1, outputTokens: 1, costUsd: 0.2)
            try await harness.store.append([EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: session, seq: 1, type: .runCompleted, ts: Timestamp.now(), payload: "{}")])
            let other = try await client.createSession()
            let refused = try await client.request(.post, "/api/v1/sessions/\(other)/messages", json: #"{"content": "go"}"#)
            #expect(refused.status == 402)
            #expect(refused.errorCode == "budget_exceeded")
        }
    }

    @Test func concurrentRunsPastTheLimitAre429() async throws {
        let harness = try GatewayHarness()
        _ = try harness.store.updateTenant(name: "owner") { $0.maxConcurrentRuns = 1 }
        try await harness.test { client in
            let busy = try await client.createSession()
            _ = try await harness.store.createRun(sessionId: busy, content: "holding")
            let other = try await client.createSession()
            let refused = try await client.request(.post, "/api/v1/sessions/\(other)/messages", json: #"{"content": "go"}"#)
            #expect(refused.status == 429)
            #expect(refused.errorCode == "rate_limited")
            #expect(refused.headers[.retryAfter] != nil)
        }
    }

    @Test func storagePastTheQuotaIs403AndNothingIsWritten() async throws {
        let harness = try GatewayHarness()
        _ = try harness.store.updateTenant(name: "owner") { $0.storageMb = 1 }
        try await harness.test { client in
            let session = try await client.createSession()
            let fits = UploadTests.multipart(boundary: "b", file: Data(repeating: 0x61, count: 600_000), filename: "a.txt")
            #expect(try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: fits, contentType: "multipart/form-data; boundary=b").status == 201)
            let over = UploadTests.multipart(boundary: "b", file: Data(repeating: 0x62, count: 600_000), filename: "b.txt")
            let refused = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: over, contentType: "multipart/form-data; boundary=b")
            #expect(refused.status == 403)
            #expect(refused.errorCode == "quota_exceeded")
            let files = try await client.request(.get, "/api/v1/sessions/\(session)/files")
            #expect((files.object["files"] as? [[String: Any]])?.map { $0["path"] as? String } == ["uploads/a.txt"])
        }
    }

    @Test func aRevokedTokenIsRefusedAtOnce() async throws {
        let harness = try GatewayHarness()
        let (secret, record) = try harness.store.createTokenRecord(tenantName: "owner", admin: false)
        try await harness.test { client in
            let before = try await client.request(.get, "/api/v1/workflow", token: .some(secret))
            #expect(before.status == 200)
            let revoked = try harness.store.revokeToken(id: record.id)
            #expect(revoked)
            let after = try await client.request(.get, "/api/v1/workflow", token: .some(secret))
            #expect(after.status == 401)
        }
    }

    @Test func metricsNeedAnAdministrator() async throws {
        let harness = try GatewayHarness()
        let admin = try harness.store.createToken(tenantName: "ops", admin: true)
        try await harness.test { client in
            #expect(try await client.request(.get, "/metrics", token: .some(nil)).status == 401)
            let tenantToken = try await client.request(.get, "/metrics")
            #expect(tenantToken.status == 403)
            #expect(tenantToken.errorCode == "forbidden")
            let scraped = try await client.request(.get, "/metrics", token: .some(admin))
            #expect(scraped.status == 200)
            #expect(scraped.body.contains("resume_agent_workers"))
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            for reply in [try await client.request(.get, "/healthz"), try await client.request(.get, "/api/v1/nowhere"), try await client.request(.get, "/api/v1/workflow")] {
                #expect(reply.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(reply.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(reply.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
            }
        }
    }

    @Test func hostNamesAreChecked() {
        #expect(HostCheckMiddleware.name("127.0.0.1:8080") == "127.0.0.1")
        #expect(HostCheckMiddleware.name("[::1]:8080") == "[::1]")
        #expect(HostCheckMiddleware.name("Evil.Example:80") == "evil.example")
        var settings = GuardrailSettings()
        settings.defaultAllowedHosts(listeningOn: "127.0.0.1")
        #expect(settings.allowedHosts.contains("localhost"))
        var open = GuardrailSettings()
        open.defaultAllowedHosts(listeningOn: "0.0.0.0")
        #expect(open.allowedHosts.isEmpty)
    }
}

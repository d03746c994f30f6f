import Foundation
import HTTPTypes
import IPC
import NIOCore
import ServiceSupport
import Store
import Testing

@testable import Gateway

/// Every route under a session, called by another tenant with the owner's real ids, is 404 —
/// the event stream and downloads included — and leaves the owner's session as it was.
@Suite("Tenant isolation")
struct IsolationTests {
    @Test func anotherTenantGets404OnEveryRouteOfTheTable() async throws {
        let harness = try GatewayHarness()
        let intruder = try harness.store.createToken(tenantName: "intruder")
        try await harness.test { client in
            let session = try await client.createSession()
            let notes = UploadTests.multipart(boundary: "b", file: Data("mine".utf8), filename: "n.txt", fields: ["path": "notes/n.txt"])
            _ = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: notes, contentType: "multipart/form-data; boundary=b")
            let run = try await harness.store.createRun(sessionId: session, content: "x")
            try await harness.store.insert(ApprovalRecord(
                id: "apr_isolation0000000000000", sessionId: session, runId: run.id, toolCallId: "tc_1", tool: "write_file", arguments: "{}",
                diff: nil, truthFlags: "[]", status: .pending, createdAt: Timestamp.now(), decidedAt: nil, decidedBy: nil, reason: nil))
            let values = ["session_id": session, "run_id": run.id, "approval_id": "apr_isolation0000000000000", "version": "1", "path": "notes/n.txt"]
            let before = try await client.request(.get, "/api/v1/sessions/\(session)")
            var probed = 0
            for route in harness.gateway.routes.routes where route.parameters.contains(where: { $0.name == "session_id" }) {
                var path = route.path
                for parameter in route.parameters { path = path.replacingOccurrences(of: "{\(parameter.name)}", with: values[parameter.name] ?? "x") }
                let reply: GatewayHarness.Reply
                switch route.body {
                case .multipart:
                    reply = try await client.request(route.method, path, body: notes, contentType: "multipart/form-data; boundary=b", token: .some(intruder))
                case .json:
                    reply = try await client.request(route.method, path, json: #"{"content": "hi", "format": "pdf", "enabled": true, "text": "a job description long enough"}"#, token: .some(intruder))
                case .none:
                    reply = try await client.request(route.method, path, token: .some(intruder))
                }
                #expect(reply.status == 404, "\(route.method) \(route.path) → \(reply.status)")
                #expect(reply.errorCode == "not_found", "\(route.method) \(route.path)")
                probed += 1
            }
            #expect(probed >= 20)
            let after = try await client.request(.get, "/api/v1/sessions/\(session)")
            #expect(after.status == 200)
            #expect(after.object["state"] as? String == before.object["state"] as? String)
            let notesFile = try await client.request(.get, "/api/v1/sessions/\(session)/files/notes/n.txt")
            #expect(notesFile.body == "mine")
        }
    }
}

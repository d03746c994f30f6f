import Foundation
import HTTPTypes
import IPC
import NIOCore
import Testing

@testable import Gateway

/// The route table: contract errors for every kind of bad request, in the right order.
@Suite("Routing")
struct RoutingTests {
    @Test func anUndeclaredMethodOnAKnownPathIs405WithAllow() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let reply = try await client.request(.delete, "/api/v1/sessions/sess_abc/runs")
            #expect(reply.status == 405)
            #expect(reply.errorCode == "method_not_allowed")
            #expect(reply.headers[.allow] == "GET, HEAD")
            let create = try await client.request(.put, "/api/v1/sessions")
            #expect(create.status == 405)
            #expect(create.headers[.allow] == "POST")
            let unknown = try await client.request(.get, "/api/v1/nothing-here")
            #expect(unknown.status == 404)
        }
    }

    @Test func apiRoutesNeedAToken() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let anonymous = try await client.request(.get, "/api/v1/workflow", token: .some(nil))
            #expect(anonymous.status == 401)
            let wrong = try await client.request(.get, "/api/v1/workflow", token: .some("ra_wrong"))
            #expect(wrong.errorCode == "unauthorized")
            let document = try await client.request(.get, "/api/v1/openapi.json", token: .some(nil))
            #expect(document.status == 200)
        }
    }

    @Test func bodiesAreCheckedAgainstTheirSchemas() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            // Unknown keys and wrong types are refused, not ignored.
            #expect(try await client.request(.post, "/api/v1/sessions", json: #"{"auto_approve": null}"#).status == 400)
            #expect(try await client.request(.post, "/api/v1/sessions", json: #"{"autoApprove": true}"#).status == 400)
            #expect(try await client.request(.post, "/api/v1/sessions", json: "[]").status == 400)
            #expect(try await client.request(.post, "/api/v1/sessions", json: "{").status == 400)
            #expect(try await client.request(.post, "/api/v1/sessions", json: "").status == 201)
            let session = try await client.createSession()
            let base = "/api/v1/sessions/\(session)"
            for body in ["{}", #"{"text": "a job description long enough", "url": "https://x.example/1"}"#, #"{"text": "   short   "}"#,
                         #"{"url": "ftp://x.example/"}"#, #"{"text": null}"#] {
                let reply = try await client.request(.post, "\(base)/jd", json: body)
                #expect(reply.status == 400, "\(body) → \(reply.status)")
                #expect(reply.errorCode == "invalid_request")
            }
            for body in [#"{"content": ""}"#, #"{"content": " \n\t "}"#, #"{}"#, #"{"content": 1}"#] {
                #expect(try await client.request(.post, "\(base)/messages", json: body).status == 400, "\(body)")
            }
            #expect(try await client.request(.post, "\(base)/export", json: #"{"format": "rtf"}"#).status == 400)
            #expect(try await client.request(.post, "\(base)/settings/auto-approve", json: #"{"enabled": "yes"}"#).status == 400)
            #expect(try await client.request(.post, "\(base)/cancel", json: #"{"now": true}"#).status == 400)
            // A version that cannot exist names nothing.
            #expect(try await client.request(.post, "\(base)/versions/0/restore").status == 404)
            #expect(try await client.request(.post, "\(base)/resume", json: "{}").status == 415)
        }
    }

    @Test func anotherTenantGets404BeforeItsBodyIsEvenRead() async throws {
        let harness = try GatewayHarness()
        let intruder = try harness.store.createToken(tenantName: "intruder")
        try await harness.test { client in
            let session = try await client.createSession()
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/jd", #"{"nonsense": 1}"#), (.post, "/messages", "[]"), (.post, "/export", "{"),
                (.get, "", ""), (.get, "/files/resume.md", ""), (.post, "/versions/1/restore", ""),
            ] {
                let reply = try await client.request(method, "/api/v1/sessions/\(session)\(path)", json: body.isEmpty ? nil : body, token: intruder)
                #expect(reply.status == 404, "\(method) \(path) → \(reply.status)")
                #expect(reply.errorCode == "not_found")
            }
        }
    }

    @Test func theWorkflowIsServedFromTheTableTheServerEnforces() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let reply = try await client.request(.get, "/api/v1/workflow")
            let rules = try #require(reply.object["rules"] as? [[String: Any]])
            #expect(rules.count == Workflow.rules.count)
            #expect(reply.object["journey"] as? [String] == SessionState.journey.map(\.rawValue))
            #expect((reply.object["export_formats"] as? [[String: Any]])?.compactMap { $0["format"] as? String } == ExportFormat.allCases.map(\.rawValue))
            let session = try await client.createSession()
            // The table says a draft cannot export; the server says so too.
            let export = try await client.request(.post, "/api/v1/sessions/\(session)/export", json: #"{"format": "pdf"}"#)
            #expect(export.status == 409)
            #expect(export.errorCode == "invalid_state_transition")
        }
    }
}

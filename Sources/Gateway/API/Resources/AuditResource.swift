import HTTPTypes
import Hummingbird
import IPC

/// `GET …/audit`: every decision and every file mutation (who, when, what, before/after hash).
struct AuditResource: Sendable {
    let api: APIServices

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/audit", summary: "Audit log: decisions and file mutations",
                parameters: [PathParameters.session], status: .ok,
                output: .json(.object([("audit", .array(.ref("AuditEntry")))], required: ["audit"], additionalProperties: true))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(["audit": .array(try await api.store.audit(sessionId: session.id).map(Views.audit))])
            }
        ]
    }
}

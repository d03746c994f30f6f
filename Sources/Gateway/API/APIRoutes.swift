import Foundation
import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// The public API of the contract, under `/api/v1`.
enum APIRoutes {
    static func register(on router: Router<APIContext>, service: SessionService, authenticator: TokenAuthenticator) {
        router.get("/api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        let api = router.group("/api/v1").add(middleware: AuthMiddleware(authenticator: authenticator))
        api.post("/sessions") { request, context in
            JSONBody.response(try await service.create(tenant: try context.tenant(), body: try await JSONBody.object(request)), status: .created)
        }
        let session = api.group("/sessions/:session_id")
        session.get { _, context in
            JSONBody.response(try await service.view(tenant: try context.tenant(), id: try context.sessionId()))
        }
        session.get("/history") { _, context in
            JSONBody.response(try await service.history(tenant: try context.tenant(), id: try context.sessionId()))
        }
        session.post("/cancel") { request, context in
            _ = try await JSONBody.object(request)
            return JSONBody.response(try await service.cancel(tenant: try context.tenant(), id: try context.sessionId()))
        }
        session.post("/resume") { request, context in
            let form = try await MultipartForm.read(request, limit: service.limits.maxUploadBytes)
            return JSONBody.response(try await service.uploadResume(tenant: try context.tenant(), id: try context.sessionId(), form: form), status: .created)
        }
        session.post("/jd") { request, context in
            JSONBody.response(
                try await service.provideJobDescription(tenant: try context.tenant(), id: try context.sessionId(), body: try await JSONBody.object(request, limit: 512 * 1024)),
                status: .created
            )
        }
        session.post("/messages") { request, context in
            JSONBody.response(
                try await service.postMessage(tenant: try context.tenant(), id: try context.sessionId(), body: try await JSONBody.object(request)),
                status: .accepted
            )
        }
        session.get("/runs") { _, context in
            JSONBody.response(try await service.runs(tenant: try context.tenant(), sessionId: try context.sessionId()))
        }
        session.get("/runs/:run_id") { _, context in
            let run = try await service.run(tenant: try context.tenant(), sessionId: try context.sessionId(), runId: try context.parameter("run_id"))
            return JSONBody.response(Views.run(run))
        }
        session.get("/runs/:run_id/stream") { request, context in
            let run = try await service.run(tenant: try context.tenant(), sessionId: try context.sessionId(), runId: try context.parameter("run_id"))
            let after = try await Self.resumePosition(request, run: run, store: service.store)
            return try await EventStream.response(run: run, after: after, store: service.store, controller: await service.runs.controller(run.id))
        }
        session.post("/runs/:run_id/interrupt") { _, context in
            JSONBody.response(
                try await service.interrupt(tenant: try context.tenant(), sessionId: try context.sessionId(), runId: try context.parameter("run_id")),
                status: .accepted
            )
        }
        session.get("/approvals") { request, context in
            let all = request.uri.queryParameters.get("status") == "all"
            return JSONBody.response(try await service.approvals(tenant: try context.tenant(), sessionId: try context.sessionId(), all: all))
        }
        session.post("/approvals/:approval_id/approve") { request, context in
            JSONBody.response(try await service.decide(
                tenant: try context.tenant(), sessionId: try context.sessionId(), approvalId: try context.parameter("approval_id"),
                approve: true, body: try await JSONBody.object(request)
            ))
        }
        session.post("/approvals/:approval_id/reject") { request, context in
            JSONBody.response(try await service.decide(
                tenant: try context.tenant(), sessionId: try context.sessionId(), approvalId: try context.parameter("approval_id"),
                approve: false, body: try await JSONBody.object(request)
            ))
        }
        session.post("/settings/auto-approve") { request, context in
            JSONBody.response(try await service.setAutoApprove(tenant: try context.tenant(), sessionId: try context.sessionId(), body: try await JSONBody.object(request)))
        }
        session.get("/audit") { _, context in
            JSONBody.response(try await service.audit(tenant: try context.tenant(), sessionId: try context.sessionId()))
        }
        session.get("/files") { _, context in
            JSONBody.response(try await service.files(tenant: try context.tenant(), sessionId: try context.sessionId()))
        }
        session.post("/files/upload") { request, context in
            let form = try await MultipartForm.read(request, limit: service.limits.maxUploadBytes)
            return JSONBody.response(try await service.uploadFile(tenant: try context.tenant(), sessionId: try context.sessionId(), form: form), status: .created)
        }
        session.get("/files/**") { request, context in
            let raw = context.parameters.getCatchAll().joined(separator: "/")
            let path = raw.removingPercentEncoding ?? raw
            let (record, data) = try await service.file(tenant: try context.tenant(), sessionId: try context.sessionId(), rawPath: path)
            var headers: HTTPFields = [.contentType: record.contentType, .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff"]
            if record.contentType.hasPrefix("text/html") {
                // Previews are shown in a sandboxed frame; never let them run script here.
                headers[.init("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
            }
            if !record.contentType.hasPrefix("text/") && record.contentType != "application/json" {
                headers[.contentDisposition] = "attachment; filename=\"\(record.path.split(separator: "/").last ?? "file")\""
            }
            _ = request
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        session.get("/versions") { _, context in
            JSONBody.response(try await service.versions(tenant: try context.tenant(), sessionId: try context.sessionId()))
        }
        session.post("/versions/:version/restore") { request, context in
            _ = try await JSONBody.object(request)
            return JSONBody.response(try await service.restore(tenant: try context.tenant(), sessionId: try context.sessionId(), version: try context.parameter("version")))
        }
        session.post("/export") { request, context in
            JSONBody.response(try await service.export(tenant: try context.tenant(), sessionId: try context.sessionId(), body: try await JSONBody.object(request)), status: .created)
        }
    }

    /// `Last-Event-ID` (an event of this run) or `?after=<seq>`; 0 replays everything.
    static func resumePosition(_ request: Request, run: RunRecord, store: Store) async throws -> Int {
        if let lastEventId = request.headers[.lastEventID], !lastEventId.isEmpty {
            guard Identifier.isValid(lastEventId, prefix: "evt"), let event = try await store.event(id: lastEventId), event.runId == run.id else {
                throw APIError.invalidRequest("Last-Event-ID does not name an event of this run.")
            }
            return event.seq
        }
        if let after = request.uri.queryParameters.get("after") {
            guard let seq = Int(after), seq >= 0 else { throw APIError.invalidRequest("'after' must be a non-negative integer.") }
            return seq
        }
        return 0
    }
}

extension APIContext {
    func sessionId() throws -> String { try parameter("session_id") }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw APIError.invalidRequest("Missing path parameter '\(name)'.") }
        return value
    }
}

extension HTTPField.Name {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}

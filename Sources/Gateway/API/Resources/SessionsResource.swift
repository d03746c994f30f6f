import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// Sessions: create, read, history, cancel.
struct SessionsResource: Sendable {
    let api: APIServices

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: "/api/v1/sessions", summary: "Create a session",
                body: .json(.object([("auto_approve", .boolean)]), required: false), status: .created, output: .json(.ref("Session"))
            ) { _, context, input in
                JSONBody.response(try await create(tenant: try context.tenant(), autoApprove: input.json["auto_approve"]?.boolValue ?? false), status: .created)
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}", summary: "A session with its state, usage and history",
                parameters: [PathParameters.session], status: .ok, output: .json(.ref("Session"))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(Views.session(session, history: try await api.store.history(sessionId: session.id)))
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/history", summary: "Workflow transitions, each with the run that caused it",
                parameters: [PathParameters.session], status: .ok,
                output: .json(.object([("history", .array(.ref("Transition")))], required: ["history"], additionalProperties: true))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(["history": .array(try await api.store.history(sessionId: session.id).map(Views.transition))])
            },
            APIRoute(
                method: .delete, path: "/api/v1/sessions/{session_id}",
                summary: "Delete the session: its run is interrupted first; its files, versions, events, approvals and audit rows are removed",
                parameters: [PathParameters.session], status: .noContent, output: .empty
            ) { _, context, input in
                try await delete(try input.requireSession(), caller: context.caller)
                return Response(status: .noContent)
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/cancel", summary: "Cancel the session (from any state; a running run is interrupted first)",
                parameters: [PathParameters.session], status: .ok, output: .json(.ref("Session"))
            ) { _, context, _ in
                JSONBody.response(try await cancel(tenant: try context.tenant(), id: try context.sessionId()))
            },
        ]
    }

    func create(tenant: String, autoApprove: Bool) async throws -> JSONValue {
        let limits = try await api.tenants.limits(of: tenant)
        let session: SessionRecord
        do {
            session = try await api.store.createSession(
                tenantId: tenant, autoApprove: autoApprove, costCapUsd: api.limits.costCapUsd, maxSessions: limits.maxSessions)
        } catch let error as StoreError {
            api.logger.info("session refused", metadata: ["tenant.id": "\(tenant)", "error.code": "quota_exceeded"])
            throw APIError.from(error)
        }
        try FileManager.default.createDirectory(
            atPath: api.workspace.directory(session.id), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        api.logger.info("session created", metadata: ["session.id": "\(session.id)"])
        return Views.session(session, history: try await api.store.history(sessionId: session.id))
    }

    /// Removes the session and everything of it. A run going is interrupted and ended first
    /// (its terminal event persisted), so nothing writes to the session while it goes.
    func delete(_ session: SessionRecord, caller: TokenAuthenticator.Caller?) async throws {
        if let runId = session.activeRunId, let controller = await api.runs.controller(runId) {
            await controller.interrupt(.user)
            await controller.waitUntilFinished()
        }
        let freed = try await api.retention.deleteSession(session.id)
        api.logger.info("session deleted", metadata: ["session.id": "\(session.id)", "bytes": "\(freed)", "token.id": "\(caller?.tokenId ?? "")"])
    }

    /// Any state → cancelled; a running run is interrupted first.
    func cancel(tenant: String, id: String) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        try SessionWorkflow.check(.cancel, in: session)
        if let runId = session.activeRunId, let controller = await api.runs.controller(runId) {
            await controller.interrupt(.user)
            await controller.waitUntilFinished()
        }
        let applied = try await api.workflow.apply(.cancel, sessionId: session.id, cause: "cancelled")
        return Views.session(applied.session, history: try await api.store.history(sessionId: id))
    }
}

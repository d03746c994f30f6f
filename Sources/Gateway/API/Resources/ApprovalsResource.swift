import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// Approvals: the pending (or all) proposed writes, a person's decision on each, and the
/// session's auto-approve switch (which never applies to edits with a truthfulness flag).
struct ApprovalsResource: Sendable {
    let api: APIServices

    static let decision = Schema.object([("reason", .string(maxLength: 2000))])

    var routes: [APIRoute] {
        let session = PathParameters.session, approval = PathParameters.approval
        let decided = Schema.object([("approval_id", .string()), ("status", .enumeration(["approved", "rejected"]))], required: ["approval_id", "status"], additionalProperties: true)
        return [
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/approvals", summary: "Pending approvals (?status=all for every decision)",
                parameters: [session], query: [("status", .enumeration(["pending", "all"]))], status: .ok,
                output: .json(.object([("approvals", .array(.ref("Approval")))], required: ["approvals"], additionalProperties: true))
            ) { request, context, input in
                let session = try input.requireSession()
                let all = request.uri.queryParameters.get("status") == "all"
                return JSONBody.response(["approvals": .array(try await api.store.approvals(sessionId: session.id, pendingOnly: !all).map(Views.approval))])
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/approvals/{approval_id}/approve", summary: "Approve a proposed write",
                parameters: [session, approval], body: .json(Self.decision, required: false), status: .ok, output: .json(decided)
            ) { _, context, input in
                JSONBody.response(try await decide(context, approve: true, reason: input.json["reason"]?.stringValue))
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/approvals/{approval_id}/reject", summary: "Reject a proposed write (it never executes)",
                parameters: [session, approval], body: .json(Self.decision, required: false), status: .ok, output: .json(decided)
            ) { _, context, input in
                JSONBody.response(try await decide(context, approve: false, reason: input.json["reason"]?.stringValue))
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/settings/auto-approve",
                summary: "Turn auto-approve of unflagged edits on or off", parameters: [session],
                body: .json(.object([("enabled", .boolean)], required: ["enabled"]), required: true), status: .ok,
                output: .json(.object([("auto_approve", .boolean)], required: ["auto_approve"], additionalProperties: true))
            ) { _, context, input in
                JSONBody.response(try await setAutoApprove(context, enabled: input.json["enabled"]?.boolValue ?? false))
            },
        ]
    }

    private func decide(_ context: APIContext, approve: Bool, reason: String?) async throws -> JSONValue {
        let session = try await api.session(tenant: try context.tenant(), id: try context.sessionId())
        let approvalId = try context.parameter("approval_id")
        let decided: ApprovalRecord
        do {
            decided = try await api.store.decide(
                approvalId: approvalId, sessionId: session.id, status: approve ? .approved : .rejected, by: .user, reason: reason)
        } catch let error as StoreError {
            throw APIError.from(error, resource: "Approval")
        }
        if let controller = await api.runs.controller(decided.runId) {
            await controller.approvalDecided(decided)
        }
        api.logger.info("approval decided", metadata: ["session.id": "\(session.id)", "approval.id": "\(approvalId)", "status": "\(decided.status.rawValue)"])
        return ["approval_id": .string(decided.id), "status": .string(decided.status.rawValue)]
    }

    private func setAutoApprove(_ context: APIContext, enabled: Bool) async throws -> JSONValue {
        let session = try await api.session(tenant: try context.tenant(), id: try context.sessionId())
        let updated = try await api.store.updateSession(id: session.id) { $0.autoApprove = enabled }
        try await api.store.audit(AuditRecord(
            id: nil, sessionId: session.id, runId: nil, actor: Decider.user.rawValue, action: enabled ? "auto_approve_enabled" : "auto_approve_disabled",
            path: nil, beforeSha256: nil, afterSha256: nil, details: nil, createdAt: Timestamp.now()
        ))
        return ["auto_approve": .bool(updated.autoApprove)]
    }
}

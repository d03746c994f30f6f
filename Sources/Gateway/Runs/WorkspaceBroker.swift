import Foundation
import IPC
import ServiceSupport
import Store

/// A run's workspace operations, done by the gateway on the worker's behalf: paths are
/// checked, reads and listings answered, and writes allowed only for a call that is
/// executing — writes outside the generated folders only with an approval — then versioned,
/// audited and reflected in the workflow. A worker holds no authority of its own.
struct WorkspaceBroker: Sendable {
    let runId: String
    let sessionId: String
    let store: Store
    let workspace: Workspace
    let workflow: SessionWorkflow
    let tenants: TenantGuard

    /// A refusal the worker hears as a `workspace_response` error.
    struct Refusal: Error {
        let code: String
        let message: String
    }

    /// What a write changed, for the run's stream.
    struct Outcome {
        var response: WorkspaceResponse
        var events: [EventPayload] = []
    }

    /// Folders whose files the gateway's own jobs and approved calls generate (no approval
    /// needed for an executing call to refresh them).
    static let generatedFolders: Set<String> = ["analysis", "preview", "exports"]

    /// What no agent may write, approved or not: the person's original resume (the truth
    /// every rewrite is checked against), their uploads and the job description.
    static let personOwned: Set<String> = ["resume.original.md", "jd.md", "uploads"]

    /// A write the gate allowed: where, and the decoded bytes.
    struct AllowedWrite: Sendable {
        let path: WorkspacePath
        let data: Data
    }

    /// Decides a write against the run's approvals, before anything is touched: it must belong
    /// to a call that is executing, and outside the generated folders it must be exactly a
    /// write the person approved (path and content digest), which it then spends.
    static func authorize(_ request: WorkspaceRequest, gate: inout ApprovalGate) -> Result<AllowedWrite, Refusal> {
        guard let toolCallId = request.toolCallId, gate.isExecuting(toolCallId) else {
            return .failure(Refusal(code: "not_allowed", message: "Writes must belong to a tool call that is executing."))
        }
        guard let path = try? WorkspacePath(request.path) else {
            return .failure(Refusal(code: "invalid_path", message: "'\(request.path.prefix(200))' is not a valid workspace path."))
        }
        guard let content = request.content,
              let data = request.base64 ? Data(base64Encoded: content) : Data(content.utf8) else {
            return .failure(Refusal(code: "invalid_content", message: "The content could not be decoded."))
        }
        guard !personOwned.contains(path.value), !personOwned.contains(path.folder ?? "") else {
            return .failure(Refusal(code: "managed_path", message: "\(path) belongs to the person and is never written by the agent."))
        }
        guard generatedFolders.contains(path.folder ?? "")
                || gate.consumeWrite(toolCallId, path: path.value, sha256: SHA256.hex(data)) else {
            return .failure(Refusal(
                code: "approval_mismatch",
                message: "Writing \(path) needs an approval for exactly this path and content; this write is not the one approved."))
        }
        return .success(AllowedWrite(path: path, data: data))
    }

    /// Records a refused write in the session's audit log.
    func auditRefusal(_ request: WorkspaceRequest, _ refusal: Refusal) async {
        let digest = request.content.flatMap { request.base64 ? Data(base64Encoded: $0) : Data($0.utf8) }.map { SHA256.hex($0) }
        let details = JSONValue.object([
            "tool_call_id": request.toolCallId.map(JSONValue.string) ?? .null, "code": .string(refusal.code),
        ])
        try? await store.audit(AuditRecord(
            id: nil, sessionId: sessionId, runId: runId, actor: "agent", action: "write_refused", path: String(request.path.prefix(512)),
            beforeSha256: nil, afterSha256: digest, details: String(decoding: (try? JSONEncoder.compact.encode(details)) ?? Data(), as: UTF8.self),
            createdAt: Timestamp.now()))
    }

    /// Reads and listings; writes go through ``authorize(_:gate:)`` then ``write(_:allowed:)``.
    func perform(_ request: WorkspaceRequest) async -> Outcome {
        await answering(request) { try await unchecked(request) }
    }

    /// Performs a write ``authorize(_:gate:)`` allowed.
    func write(_ request: WorkspaceRequest, allowed: AllowedWrite) async -> Outcome {
        await answering(request) { try await write(request, path: allowed.path, data: allowed.data) }
    }

    /// The outcome of `work`, any error turned into the worker's error response.
    private func answering(_ request: WorkspaceRequest, _ work: () async throws -> Outcome) async -> Outcome {
        do {
            return try await work()
        } catch let refusal as Refusal {
            return Outcome(response: failure(request, code: refusal.code, message: refusal.message))
        } catch let error as APIError {
            return Outcome(response: failure(request, code: error.code, message: error.message))
        } catch {
            return Outcome(response: failure(request, code: "io_error", message: "\(error)"))
        }
    }

    func refusal(_ request: WorkspaceRequest, _ refusal: Refusal) -> Outcome {
        Outcome(response: failure(request, code: refusal.code, message: refusal.message))
    }

    private func unchecked(_ request: WorkspaceRequest) async throws -> Outcome {
        switch request.operation {
        case .list:
            let files = try await store.files(sessionId: sessionId).map { WorkspaceFile(path: $0.path, size: $0.size, contentType: $0.contentType) }
            return Outcome(response: WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true, files: files))
        case .read:
            let path = try validated(request.path)
            guard let data = try? await workspace.read(sessionId: sessionId, path: path) else {
                throw Refusal(code: "not_found", message: "\(path) does not exist.")
            }
            let content = String(data: data, encoding: .utf8) ?? data.base64EncodedString()
            return Outcome(response: WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true, content: content))
        case .write:
            throw Refusal(code: "not_allowed", message: "Writes go through the run's approvals.")
        }
    }

    private func write(_ request: WorkspaceRequest, path: WorkspacePath, data: Data) async throws -> Outcome {
        if let session = try await store.session(id: sessionId) {
            do {
                try await tenants.checkStorage(tenantId: session.tenantId, adding: data.count)
            } catch let error as APIError {
                throw Refusal(code: error.code, message: error.message)
            }
        }
        var events: [EventPayload] = []
        if path.value == "resume.md" {
            // A rewrite only makes sense once there is an analysis to rewrite against.
            let applied: SessionWorkflow.Applied
            do {
                applied = try await workflow.apply(.rewrite, sessionId: sessionId, runId: runId)
            } catch let error as APIError where error.code == "invalid_state_transition" {
                throw Refusal(code: "invalid_state", message: error.message)
            }
            if let moved = applied.moved { events.append(.stateChanged(from: moved.from, to: moved.to)) }
        }
        let record = try await workspace.write(sessionId: sessionId, path: path, data: data, runId: runId, actor: "agent")
        events.insert(.fileChanged(path: path.value, size: record.size, version: record.version), at: 0)
        if path.value == "analysis/gap.json",
           let applied = try? await workflow.apply(.analyze, sessionId: sessionId, runId: runId, cause: "analysis"),
           let moved = applied.moved {
            events.append(.stateChanged(from: moved.from, to: moved.to))
        }
        return Outcome(response: WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true), events: events)
    }

    private func validated(_ raw: String) throws -> WorkspacePath {
        guard let path = try? WorkspacePath(raw) else {
            throw Refusal(code: "invalid_path", message: "'\(raw.prefix(200))' is not a valid workspace path.")
        }
        return path
    }

    private func failure(_ request: WorkspaceRequest, code: String, message: String) -> WorkspaceResponse {
        WorkspaceResponse(runId: runId, requestId: request.requestId, ok: false, error: Fault(code: code, message: message))
    }
}

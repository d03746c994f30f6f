import Foundation
import IPC
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

    func perform(_ request: WorkspaceRequest, gate: ApprovalGate) async -> Outcome {
        do {
            return try await unchecked(request, gate: gate)
        } catch let refusal as Refusal {
            return Outcome(response: failure(request, code: refusal.code, message: refusal.message))
        } catch let error as APIError {
            return Outcome(response: failure(request, code: error.code, message: error.message))
        } catch {
            return Outcome(response: failure(request, code: "io_error", message: "\(error)"))
        }
    }

    private func unchecked(_ request: WorkspaceRequest, gate: ApprovalGate) async throws -> Outcome {
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
            return try await write(request, path: try validated(request.path), gate: gate)
        }
    }

    private func write(_ request: WorkspaceRequest, path: WorkspacePath, gate: ApprovalGate) async throws -> Outcome {
        guard let toolCallId = request.toolCallId, gate.isExecuting(toolCallId) else {
            throw Refusal(code: "not_allowed", message: "Writes must belong to a tool call that is executing.")
        }
        guard Self.generatedFolders.contains(path.folder ?? "") || gate.mayWrite(toolCallId) else {
            throw Refusal(code: "approval_required", message: "Writing \(path) needs an approved tool call.")
        }
        guard let content = request.content,
              let data = request.base64 ? Data(base64Encoded: content) : Data(content.utf8) else {
            throw Refusal(code: "invalid_content", message: "The content could not be decoded.")
        }
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

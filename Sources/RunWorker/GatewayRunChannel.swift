import IPC
import Synchronization

/// `RunChannel` over the worker's IPC connection: requests go out as frames, and the
/// gateway's answers (`tool_decision`, `workspace_response`) are matched to the waiting
/// caller by tool call id or request id.
final class GatewayRunChannel: RunChannel {
    let runId: String
    let connection: IPCConnection
    private let state = Mutex(State())

    struct State {
        var nextRequestId = 0
        var decisions: [String: CheckedContinuation<ToolDecision, any Error>] = [:]
        var responses: [Int: CheckedContinuation<WorkspaceResponse, any Error>] = [:]
        var closed = false
    }

    init(runId: String, connection: IPCConnection) {
        self.runId = runId
        self.connection = connection
    }

    func emit(_ kind: String, _ payload: JSONValue) async throws {
        try await connection.send(.runEvent(RunEvent(runId: runId, kind: kind, payload: payload)))
    }

    func propose(_ call: ToolCall) async throws -> ToolDecision {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let accepted = state.withLock { state -> Bool in
                    // Cancelled before we got here: onCancel already ran and found nothing.
                    guard !state.closed, !Task.isCancelled else { return false }
                    state.decisions[call.toolCallId] = continuation
                    return true
                }
                guard accepted else { return continuation.resume(throwing: CancellationError()) }
                Task { [connection] in
                    do { try await connection.send(.toolCall(call)) } catch { self.fail(toolCallId: call.toolCallId, error) }
                }
            }
        } onCancel: {
            self.fail(toolCallId: call.toolCallId, CancellationError())
        }
    }

    func report(_ result: ToolResult) async throws {
        try await connection.send(.toolResult(result))
    }

    func workspace(
        _ operation: WorkspaceRequest.Operation, path: String, toolCallId: String?, content: String?, base64: Bool
    ) async throws -> WorkspaceResponse {
        let requestId = state.withLock { state -> Int in
            state.nextRequestId += 1
            return state.nextRequestId
        }
        let request = WorkspaceRequest(
            runId: runId, requestId: requestId, toolCallId: toolCallId, operation: operation, path: path,
            content: content, base64: base64
        )
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let accepted = state.withLock { state -> Bool in
                    guard !state.closed, !Task.isCancelled else { return false }
                    state.responses[requestId] = continuation
                    return true
                }
                guard accepted else { return continuation.resume(throwing: CancellationError()) }
                Task { [connection] in
                    do { try await connection.send(.workspaceRequest(request)) } catch { self.fail(requestId: requestId, error) }
                }
            }
        } onCancel: {
            self.fail(requestId: requestId, CancellationError())
        }
    }

    func usage(provider: String, model: String, inputTokens: Int, outputTokens: Int) async throws {
        try await connection.send(.usage(UsageReport(
            runId: runId, provider: provider, model: model, inputTokens: inputTokens, outputTokens: outputTokens
        )))
    }

    /// Routes a gateway answer to its waiter; returns false if nobody waits for it.
    @discardableResult
    func deliver(_ message: IPCMessage) -> Bool {
        switch message {
        case .toolDecision(let decision):
            guard let waiter = state.withLock({ $0.decisions.removeValue(forKey: decision.toolCallId) }) else { return false }
            waiter.resume(returning: decision)
            return true
        case .workspaceResponse(let response):
            guard let waiter = state.withLock({ $0.responses.removeValue(forKey: response.requestId) }) else { return false }
            waiter.resume(returning: response)
            return true
        default:
            return false
        }
    }

    /// Fails every waiter (the run is over or the gateway went away).
    func close() {
        let (decisions, responses) = state.withLock { state in
            state.closed = true
            defer {
                state.decisions.removeAll()
                state.responses.removeAll()
            }
            return (Array(state.decisions.values), Array(state.responses.values))
        }
        decisions.forEach { $0.resume(throwing: CancellationError()) }
        responses.forEach { $0.resume(throwing: CancellationError()) }
    }

    private func fail(toolCallId: String, _ error: any Error) {
        state.withLock { $0.decisions.removeValue(forKey: toolCallId) }?.resume(throwing: error)
    }

    private func fail(requestId: Int, _ error: any Error) {
        state.withLock { $0.responses.removeValue(forKey: requestId) }?.resume(throwing: error)
    }
}

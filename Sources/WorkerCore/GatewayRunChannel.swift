import IPC
import ServiceSupport
import Synchronization

/// `RunChannel` over the worker's IPC connection: requests go out as frames, and the
/// gateway's answers (`tool_decision`, `workspace_response`) are matched to the waiting
/// caller by tool call id or request id. A waiter is registered before its request is sent,
/// so an answer can never arrive before anyone waits for it.
final class GatewayRunChannel: RunChannel {
    let runId: String
    let connection: IPCConnection
    private let state = Mutex(State())

    struct State {
        var nextRequestId = 0
        var decisions: [String: Promise<ToolDecision>] = [:]
        var responses: [Int: Promise<WorkspaceResponse>] = [:]
        var closed = false
    }

    init(runId: String, connection: IPCConnection) {
        self.runId = runId
        self.connection = connection
    }

    func emit(_ kind: EventType, _ payload: JSONValue) async throws {
        try await connection.send(.runEvent(RunEvent(runId: runId, kind: kind, payload: payload)))
    }

    func propose(_ call: ToolCall) async throws -> ToolDecision {
        let decision = Promise<ToolDecision>()
        try register { $0.decisions[call.toolCallId] = decision }
        defer { state.withLock { _ = $0.decisions.removeValue(forKey: call.toolCallId) } }
        try await connection.send(.toolCall(call))
        return try await decision.value
    }

    func report(_ result: ToolResult) async throws {
        try await connection.send(.toolResult(result))
    }

    func workspace(
        _ operation: WorkspaceRequest.Operation, path: String, toolCallId: String?, content: String?, base64: Bool
    ) async throws -> WorkspaceResponse {
        let response = Promise<WorkspaceResponse>()
        let requestId = try register { state -> Int in
            state.nextRequestId += 1
            state.responses[state.nextRequestId] = response
            return state.nextRequestId
        }
        defer { state.withLock { _ = $0.responses.removeValue(forKey: requestId) } }
        try await connection.send(.workspaceRequest(WorkspaceRequest(
            runId: runId, requestId: requestId, toolCallId: toolCallId, operation: operation, path: path,
            content: content, base64: base64
        )))
        return try await response.value
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
            waiter.fulfill(decision)
            return true
        case .workspaceResponse(let response):
            guard let waiter = state.withLock({ $0.responses.removeValue(forKey: response.requestId) }) else { return false }
            waiter.fulfill(response)
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
        decisions.forEach { $0.fail(CancellationError()) }
        responses.forEach { $0.fail(CancellationError()) }
    }

    /// Registers a waiter unless the channel is closed or the task cancelled.
    private func register<T: Sendable>(_ body: (inout State) -> T) throws -> T {
        try state.withLock { state -> T in
            guard !state.closed, !Task.isCancelled else { throw CancellationError() }
            return body(&state)
        }
    }
}

import IPC
import ServiceSupport
import Synchronization

/// `RunChannel` over the worker's IPC connection: requests go out as frames, and the
/// gateway's answers (`tool_decision`, `workspace_response`) are matched to the waiting
/// caller by tool call id or request id. A waiter is registered before its request is sent,
/// so an answer can never arrive before anyone waits for it.
public final class GatewayRunChannel: RunChannel {
    let runId: String
    let connection: IPCConnection
    private let state = Mutex(State())

    struct State {
        var nextRequestId = 0
        var decisions: [String: Promise<ToolDecision>] = [:]
        var responses: [Int: Promise<WorkspaceResponse>] = [:]
        var documentJobs: [Int: Promise<RunEnd>] = [:]
        var closed = false
    }

    public init(runId: String, connection: IPCConnection) {
        self.runId = runId
        self.connection = connection
    }

    public func emit(_ kind: EventType, _ payload: JSONValue) async throws {
        try await connection.send(.runEvent(RunEvent(runId: runId, kind: kind, payload: payload)))
    }

    public func propose(_ call: ToolCall) async throws -> ToolDecision {
        let decision = Promise<ToolDecision>()
        try register { $0.decisions[call.toolCallId] = decision }
        defer { state.withLock { _ = $0.decisions.removeValue(forKey: call.toolCallId) } }
        try await connection.send(.toolCall(call))
        return try await decision.value
    }

    public func report(_ result: ToolResult) async throws {
        try await connection.send(.toolResult(result))
    }

    public func workspace(
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

    public func usage(provider: String, model: String, inputTokens: Int, outputTokens: Int) async throws {
        try await connection.send(.usage(UsageReport(
            runId: runId, provider: provider, model: model, inputTokens: inputTokens, outputTokens: outputTokens
        )))
    }

    public func documentJob(_ job: RunJob) async throws -> RunEnd {
        let answer = Promise<RunEnd>()
        let requestId = try register { state -> Int in
            state.nextRequestId += 1
            state.documentJobs[state.nextRequestId] = answer
            return state.nextRequestId
        }
        defer { state.withLock { _ = $0.documentJobs.removeValue(forKey: requestId) } }
        try await connection.send(.documentJob(DocumentJobRequest(runId: runId, requestId: requestId, job: job)))
        return try await answer.value
    }

    /// Routes a gateway answer to its waiter; returns false if nobody waits for it.
    @discardableResult
    public func deliver(_ message: IPCMessage) -> Bool {
        switch message {
        case .toolDecision(let decision):
            guard let waiter = state.withLock({ $0.decisions.removeValue(forKey: decision.toolCallId) }) else { return false }
            waiter.fulfill(decision)
            return true
        case .workspaceResponse(let response):
            guard let waiter = state.withLock({ $0.responses.removeValue(forKey: response.requestId) }) else { return false }
            waiter.fulfill(response)
            return true
        case .documentJobResult(let result):
            guard let waiter = state.withLock({ $0.documentJobs.removeValue(forKey: result.requestId) }) else { return false }
            waiter.fulfill(result.end)
            return true
        default:
            return false
        }
    }

    /// Fails every waiter (the run is over or the gateway went away).
    public func close() {
        let (decisions, responses, jobs) = state.withLock { state in
            state.closed = true
            defer {
                state.decisions.removeAll()
                state.responses.removeAll()
                state.documentJobs.removeAll()
            }
            return (Array(state.decisions.values), Array(state.responses.values), Array(state.documentJobs.values))
        }
        decisions.forEach { $0.fail(CancellationError()) }
        responses.forEach { $0.fail(CancellationError()) }
        jobs.forEach { $0.fail(CancellationError()) }
    }

    /// Registers a waiter unless the channel is closed or the task cancelled.
    private func register<T: Sendable>(_ body: (inout State) -> T) throws -> T {
        try state.withLock { state -> T in
            guard !state.closed, !Task.isCancelled else { throw CancellationError() }
            return body(&state)
        }
    }
}

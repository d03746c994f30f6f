import IPC
import ServiceSupport
import Synchronization

/// `RunChannel` over the worker's IPC connection: requests go out as frames, and the
/// gateway's answers (`tool_decision`, `workspace_response`) are matched to the waiting
/// caller by tool call id or request id. A waiter is registered before its request is sent,
/// so an answer can never arrive before anyone waits for it.
///
/// Every frame that changes what the gateway persists is numbered (`wseq`) and kept in a
/// ``ReplayBuffer`` until the gateway acknowledges it as durable. When the gateway goes away
/// the run keeps going: frames are only buffered (a lost send is not an error for the run),
/// waiters keep waiting, and once the worker re-attaches to the restarted gateway
/// ``reattach(_:persisted:)`` re-sends exactly what the new gateway lacks (issue 13).
public final class GatewayRunChannel: RunChannel {
    let runId: String
    private let state: Mutex<State>

    struct State {
        var connection: IPCConnection?
        var buffer = ReplayBuffer()
        var nextRequestId = 0
        var decisions: [String: (promise: Promise<ToolDecision>, wseq: Int)] = [:]
        var responses: [Int: (promise: Promise<WorkspaceResponse>, wseq: Int)] = [:]
        var documentJobs: [Int: (promise: Promise<RunEnd>, request: DocumentJobRequest)] = [:]
        var closed = false
    }

    public init(runId: String, connection: IPCConnection) {
        self.runId = runId
        state = Mutex(State(connection: connection))
    }

    public func emit(_ kind: EventType, _ payload: JSONValue) async throws {
        await sendNumbered(.runEvent(RunEvent(runId: runId, kind: kind, payload: payload)))
    }

    public func propose(_ call: ToolCall) async throws -> ToolDecision {
        let decision = Promise<ToolDecision>()
        let (frame, connection) = try register { state, wseq in state.decisions[call.toolCallId] = (decision, wseq) } frame: { _ in
            .toolCall(call)
        }
        defer { state.withLock { _ = $0.decisions.removeValue(forKey: call.toolCallId) } }
        await send(frame, on: connection)
        return try await decision.value
    }

    public func report(_ result: ToolResult) async throws {
        await sendNumbered(.toolResult(result))
    }

    public func workspace(
        _ operation: WorkspaceRequest.Operation, path: String, toolCallId: String?, content: String?, base64: Bool
    ) async throws -> WorkspaceResponse {
        let response = Promise<WorkspaceResponse>()
        var requestId = 0
        let (frame, connection) = try register { state, wseq in
            state.nextRequestId += 1
            requestId = state.nextRequestId
            state.responses[requestId] = (response, wseq)
        } frame: { [runId] requestId in
            .workspaceRequest(WorkspaceRequest(
                runId: runId, requestId: requestId, toolCallId: toolCallId, operation: operation, path: path, content: content, base64: base64))
        }
        defer { state.withLock { _ = $0.responses.removeValue(forKey: requestId) } }
        await send(frame, on: connection)
        return try await response.value
    }

    public func usage(provider: String, model: String, inputTokens: Int, outputTokens: Int) async throws {
        await sendNumbered(.usage(UsageReport(
            runId: runId, provider: provider, model: model, inputTokens: inputTokens, outputTokens: outputTokens
        )))
    }

    /// Not numbered: a document job is not the gateway's persisted state, only a computation
    /// (a preview, an export) the gateway has a document worker do. One still unanswered when
    /// the gateway dies died with it: it is asked again once the run is re-attached.
    public func documentJob(_ job: RunJob) async throws -> RunEnd {
        let answer = Promise<RunEnd>()
        let (request, connection) = try state.withLock { state -> (DocumentJobRequest, IPCConnection?) in
            guard !state.closed, !Task.isCancelled else { throw CancellationError() }
            state.nextRequestId += 1
            let request = DocumentJobRequest(runId: runId, requestId: state.nextRequestId, job: job)
            state.documentJobs[state.nextRequestId] = (answer, request)
            return (request, state.connection)
        }
        defer { state.withLock { _ = $0.documentJobs.removeValue(forKey: request.requestId) } }
        await send(.documentJob(request), on: connection)
        return try await answer.value
    }

    /// Routes a gateway answer to its waiter; returns false if nobody waits for it.
    @discardableResult
    public func deliver(_ message: IPCMessage) -> Bool {
        switch message {
        case .toolDecision(let decision):
            guard let waiter = state.withLock({ $0.decisions.removeValue(forKey: decision.toolCallId) }) else { return false }
            waiter.promise.fulfill(decision)
            return true
        case .workspaceResponse(let response):
            guard let waiter = state.withLock({ $0.responses.removeValue(forKey: response.requestId) }) else { return false }
            waiter.promise.fulfill(response)
            return true
        case .documentJobResult(let result):
            guard let waiter = state.withLock({ $0.documentJobs.removeValue(forKey: result.requestId) }) else { return false }
            waiter.promise.fulfill(result.end)
            return true
        case .runEventAck(let ack):
            state.withLock { $0.buffer.acknowledge(through: ack.wseq) }
            return true
        default:
            return false
        }
    }

    // MARK: Re-attach

    /// The gateway went away: frames are only buffered until ``reattach(_:persisted:)``.
    public func detach() {
        state.withLock { $0.connection = nil }
    }

    /// What the worker tells a restarted gateway about this run; nil once the run is over.
    func heldRun(sessionId: String, job: RunJob) -> HeldRun? {
        state.withLock { state in
            guard !state.closed else { return nil }
            let awaiting = (state.decisions.values.map(\.wseq) + state.responses.values.map(\.wseq)).sorted()
            return HeldRun(runId: runId, sessionId: sessionId, nextWseq: state.buffer.nextWseq, awaiting: awaiting, job: job)
        }
    }

    /// The new gateway adopted the run holding every frame up to `persisted`: re-sends the
    /// rest in order — including any the run adds meanwhile — then goes live on `connection`,
    /// and asks again for the document jobs still unanswered. Frames keep their order: the
    /// run's own sends only use the connection once it is set.
    func reattach(_ connection: IPCConnection, persisted: Int) async throws {
        var sent = persisted
        _ = state.withLock { $0.buffer.replay(after: persisted) }
        while true {
            let (frames, jobs) = state.withLock { state -> ([(wseq: Int, message: IPCMessage)], [DocumentJobRequest]) in
                let frames = state.buffer.frames(after: sent)
                guard frames.isEmpty else { return (frames, []) }
                state.connection = connection
                return ([], state.documentJobs.values.map(\.request).sorted { $0.requestId < $1.requestId })
            }
            guard let last = frames.last else {
                for request in jobs { try await connection.send(.documentJob(request)) }
                return
            }
            try await connection.send(contentsOf: frames.map(\.message))
            sent = last.wseq
        }
    }

    var unacknowledgedCount: Int { state.withLock { $0.buffer.unacknowledgedCount } }

    /// Fails every waiter (the run is over or the gateway went away for good).
    public func close() {
        let (decisions, responses, jobs) = state.withLock { state in
            state.closed = true
            state.connection = nil
            defer {
                state.decisions.removeAll()
                state.responses.removeAll()
                state.documentJobs.removeAll()
            }
            return (Array(state.decisions.values), Array(state.responses.values), Array(state.documentJobs.values))
        }
        decisions.forEach { $0.promise.fail(CancellationError()) }
        responses.forEach { $0.promise.fail(CancellationError()) }
        jobs.forEach { $0.promise.fail(CancellationError()) }
    }

    // MARK: Sending

    /// Numbers `message`, keeps it for a replay, and sends it if connected.
    private func sendNumbered(_ message: IPCMessage) async {
        let (frame, connection) = state.withLock { state -> (IPCMessage, IPCConnection?) in
            let frame = message.numbered(state.buffer.nextWseq)
            _ = state.buffer.append(frame)
            return (frame, state.connection)
        }
        await send(frame, on: connection)
    }

    /// A failed send is not the run's failure: the frame is buffered, and the worker process
    /// notices the lost connection and re-attaches (or gives the run up).
    private func send(_ frame: IPCMessage, on connection: IPCConnection?) async {
        guard let connection else { return }
        try? await connection.send(frame)
    }

    /// Registers a waiter and numbers its request in one step, unless the channel is closed
    /// or the task cancelled. `frame` builds the request from the new request id.
    private func register(
        _ body: (inout State, Int) -> Void, frame: (Int) -> IPCMessage
    ) throws -> (IPCMessage, IPCConnection?) {
        try state.withLock { state -> (IPCMessage, IPCConnection?) in
            guard !state.closed, !Task.isCancelled else { throw CancellationError() }
            let wseq = state.buffer.nextWseq
            body(&state, wseq)
            let message = frame(state.nextRequestId).numbered(wseq)
            _ = state.buffer.append(message)
            return (message, state.connection)
        }
    }
}

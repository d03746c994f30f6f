import IPC

/// What a worker does with one run. The agent runtime and the jobs (import, export, fetch)
/// implement it; the worker process only moves frames and enforces nothing (the gateway does).
public protocol RunExecutor: Sendable {
    /// Executes `run`, talking to the gateway through `channel`. Must return promptly when
    /// the task is cancelled (the gateway sent `cancel`); the gateway kills the process
    /// otherwise.
    func execute(_ run: RunStart, channel: any RunChannel) async throws -> RunEnd
}

/// A run's line to the gateway. Every call is a request the gateway may refuse; the worker
/// holds no authority of its own.
public protocol RunChannel: Sendable {
    /// Reports an event a worker may report (``EventType/isReportedByWorker``). The gateway
    /// assigns `seq`, persists it, then publishes it.
    func emit(_ kind: EventType, _ payload: JSONValue) async throws
    /// Proposes a tool call and waits for the gateway's decision (immediate for read-only
    /// tools; a person's for writes unless auto-approve applies).
    func propose(_ call: ToolCall) async throws -> ToolDecision
    /// Reports the outcome of an approved call.
    func report(_ result: ToolResult) async throws
    /// Reads, writes or lists workspace files through the gateway.
    func workspace(
        _ operation: WorkspaceRequest.Operation, path: String, toolCallId: String?, content: String?, base64: Bool
    ) async throws -> WorkspaceResponse
    /// Reports tokens used by one provider call.
    func usage(provider: String, model: String, inputTokens: Int, outputTokens: Int) async throws
    /// Asks the gateway to run a document job for this run (an agent worker renders and
    /// exports nothing itself: it has no document libraries). Returns how the job ended.
    func documentJob(_ job: RunJob) async throws -> RunEnd
}

extension RunChannel {
    public func workspace(_ operation: WorkspaceRequest.Operation, path: String, toolCallId: String? = nil) async throws -> WorkspaceResponse {
        try await workspace(operation, path: path, toolCallId: toolCallId, content: nil, base64: false)
    }
}

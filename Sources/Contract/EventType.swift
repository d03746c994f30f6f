/// The type of every event in a run's stream (the SSE `event:` line and the envelope's
/// `type`). The contract's core types first, then the additions. Adding a type: its case
/// here, its payload in `IPC/EventPayload.swift`, its rendering in the web UI's dispatch table
/// (`Public/js/events.js`).
public enum EventType: String, Sendable, Codable, CaseIterable, Hashable {
    case runStarted = "run_started"
    case assistantDelta = "assistant_delta"
    case toolCallProposed = "tool_call_proposed"
    case toolCallApproved = "tool_call_approved"
    case toolCallRejected = "tool_call_rejected"
    case toolResult = "tool_result"
    case runInterrupted = "run_interrupted"
    case runCompleted = "run_completed"
    case runFailed = "run_failed"
    case fileChanged = "file_changed"
    case stateChanged = "state_changed"
    case usageUpdated = "usage_updated"

    /// Exactly one terminal event ends every run, and it is its last.
    public var isTerminal: Bool { terminalStatus != nil }

    /// The run's final status when this event ends it.
    public var terminalStatus: RunStatus? {
        switch self {
        case .runCompleted: .completed
        case .runFailed: .failed
        case .runInterrupted: .interrupted
        default: nil
        }
    }

    /// Types a worker may report. Everything else (the lifecycle, tools, approvals, files,
    /// usage) is the gateway's to say: a worker is never trusted to speak for the run.
    public var isReportedByWorker: Bool { self == .assistantDelta }
}

/// Every event's payload, typed: one case per ``EventType``, with at least the fields the
/// contract pins (more allowed). The gateway builds these; the store keeps their JSON; the SSE
/// envelope carries that JSON as `payload`.
public enum EventPayload: Sendable, Equatable {
    case runStarted(provider: String, model: String)
    case assistantDelta(text: String)
    case toolCallProposed(ToolCallProposal)
    case toolCallApproved(toolCallId: String, approvalId: String, by: Decider)
    case toolCallRejected(toolCallId: String, approvalId: String, reason: String)
    case toolResult(toolCallId: String, tool: String, ok: Bool, summary: String)
    case runInterrupted(reason: InterruptReason)
    case runCompleted(usage: Usage)
    case runFailed(reason: FailureReason, code: String, message: String)
    case fileChanged(path: String, size: Int, version: Int)
    case stateChanged(from: SessionState, to: SessionState)
    case usageUpdated(UsageUpdate)

    /// A proposed tool call as the stream shows it.
    public struct ToolCallProposal: Sendable, Equatable {
        public var toolCallId: String
        public var tool: String
        public var arguments: JSONValue
        public var requiresApproval: Bool
        /// Set when a person must decide (`requires_approval`), null otherwise.
        public var approvalId: String?
        /// Unified diff of a write.
        public var diff: String?
        /// Claims with no support in the original resume; a flagged call is never auto-approved.
        public var truthFlags: [JSONValue]

        public init(
            toolCallId: String, tool: String, arguments: JSONValue, requiresApproval: Bool, approvalId: String?,
            diff: String?, truthFlags: [JSONValue]
        ) {
            self.toolCallId = toolCallId
            self.tool = tool
            self.arguments = arguments
            self.requiresApproval = requiresApproval
            self.approvalId = approvalId
            self.diff = diff
            self.truthFlags = truthFlags
        }
    }

    /// Tokens and their cost.
    public struct Usage: Sendable, Equatable {
        public var inputTokens: Int
        public var outputTokens: Int
        public var costUsd: Double
        public init(inputTokens: Int, outputTokens: Int, costUsd: Double) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.costUsd = costUsd
        }

        var json: JSONValue {
            ["input_tokens": .number(Double(inputTokens)), "output_tokens": .number(Double(outputTokens)), "cost_usd": .number(costUsd)]
        }
    }

    /// One provider call's usage, and the session's totals after it.
    public struct UsageUpdate: Sendable, Equatable {
        public var provider: String
        public var model: String
        public var call: Usage
        public var session: Usage
        public var sessionCapUsd: Double
        public init(provider: String, model: String, call: Usage, session: Usage, sessionCapUsd: Double) {
            self.provider = provider
            self.model = model
            self.call = call
            self.session = session
            self.sessionCapUsd = sessionCapUsd
        }
    }

    public var type: EventType {
        switch self {
        case .runStarted: .runStarted
        case .assistantDelta: .assistantDelta
        case .toolCallProposed: .toolCallProposed
        case .toolCallApproved: .toolCallApproved
        case .toolCallRejected: .toolCallRejected
        case .toolResult: .toolResult
        case .runInterrupted: .runInterrupted
        case .runCompleted: .runCompleted
        case .runFailed: .runFailed
        case .fileChanged: .fileChanged
        case .stateChanged: .stateChanged
        case .usageUpdated: .usageUpdated
        }
    }

    /// The envelope's `payload` object.
    public var json: JSONValue {
        switch self {
        case .runStarted(let provider, let model):
            return ["provider": .string(provider), "model": .string(model)]
        case .assistantDelta(let text):
            return ["text": .string(text)]
        case .toolCallProposed(let call):
            var object: [String: JSONValue] = [
                "tool_call_id": .string(call.toolCallId), "tool": .string(call.tool), "arguments": call.arguments,
                "requires_approval": .bool(call.requiresApproval), "approval_id": call.approvalId.map(JSONValue.string) ?? .null,
                "truth_flags": .array(call.truthFlags),
            ]
            if let diff = call.diff { object["diff"] = .string(diff) }
            return .object(object)
        case .toolCallApproved(let toolCallId, let approvalId, let by):
            return ["tool_call_id": .string(toolCallId), "approval_id": .string(approvalId), "by": .string(by.rawValue)]
        case .toolCallRejected(let toolCallId, let approvalId, let reason):
            return ["tool_call_id": .string(toolCallId), "approval_id": .string(approvalId), "reason": .string(reason)]
        case .toolResult(let toolCallId, let tool, let ok, let summary):
            return ["tool_call_id": .string(toolCallId), "tool": .string(tool), "ok": .bool(ok), "summary": .string(summary)]
        case .runInterrupted(let reason):
            return ["reason": .string(reason.rawValue)]
        case .runCompleted(let usage):
            return ["usage": usage.json]
        case .runFailed(let reason, let code, let message):
            return ["reason": .string(reason.rawValue), "error": ["code": .string(code), "message": .string(message)]]
        case .fileChanged(let path, let size, let version):
            return ["path": .string(path), "size": .number(Double(size)), "version": .number(Double(version))]
        case .stateChanged(let from, let to):
            return ["from": .string(from.rawValue), "to": .string(to.rawValue)]
        case .usageUpdated(let update):
            var session = update.session.json
            if case .object(var members) = session {
                members["cost_cap_usd"] = .number(update.sessionCapUsd)
                session = .object(members)
            }
            return [
                "provider": .string(update.provider), "model": .string(update.model),
                "input_tokens": .number(Double(update.call.inputTokens)), "output_tokens": .number(Double(update.call.outputTokens)),
                "cost_usd": .number(update.call.costUsd), "session": session,
            ]
        }
    }
}

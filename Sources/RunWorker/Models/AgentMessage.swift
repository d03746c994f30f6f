/// One message of the agent conversation, in the shape every provider can express.
public enum AgentMessage: Sendable, Equatable {
    /// What the user said.
    case user(String)
    /// What the model answered: text, tool calls, or both.
    case assistant(text: String, toolCalls: [ModelToolCall])
    /// What became of one tool call, fed back to the model.
    case tool(ToolMessage)
}

/// The outcome of one tool call as the model reads it.
public struct ToolMessage: Sendable, Equatable {
    /// Whether the call ran, failed, or was refused before it ran.
    public enum Status: String, Sendable, Equatable {
        /// Executed; `content` is its output.
        case ok
        /// Invalid arguments or a failure while running; `content` says why, for the model to fix.
        case error
        /// Refused by a person or by the gateway's policy; it never ran.
        case rejected
    }

    /// The model's id of the call this answers.
    public var callId: String
    /// The tool's name (Gemini matches results to calls by name).
    public var name: String
    public var status: Status
    public var content: String

    public init(callId: String, name: String, status: Status, content: String) {
        self.callId = callId
        self.name = name
        self.status = status
        self.content = content
    }

    /// True unless the call ran successfully; what wire formats call `is_error`.
    public var isError: Bool { status != .ok }
}

/// One message of the conversation, in the shape every provider can express.
public enum ChatMessage: Sendable, Equatable, Codable {
    /// What the user (or the agent loop on the user's behalf) said.
    case user(String)
    /// What the model answered: text, tool calls, or both.
    case assistant(text: String?, toolCalls: [ToolCall])
    /// The result of running a tool call the model made.
    case toolResult(ToolResult)
}

/// A tool call the model made. `arguments` is the JSON text exactly as the model streamed it.
public struct ToolCall: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// The outcome of one tool call, fed back to the model.
public struct ToolResult: Sendable, Equatable, Codable {
    /// Whether the call ran, failed, or was refused before it ran.
    public enum Status: String, Sendable, Equatable, Codable {
        /// Executed; `content` is its output.
        case ok
        /// Invalid arguments or a failure while running; `content` says why, for the model to fix.
        case error
        /// Refused by a person or by the gateway's policy; it never ran.
        case rejected
    }

    public var callID: String
    /// The tool's name; Gemini matches results to calls by name, not id.
    public var name: String
    public var content: String
    public var status: Status

    public init(callID: String, name: String, content: String, status: Status) {
        self.callID = callID
        self.name = name
        self.content = content
        self.status = status
    }

    public init(callID: String, name: String, content: String, isError: Bool = false) {
        self.init(callID: callID, name: name, content: content, status: isError ? .error : .ok)
    }

    /// True unless the call ran successfully: all the wire formats can say (`is_error`); the
    /// built-in engine reads ``status`` to tell a refusal from a failure.
    public var isError: Bool { status != .ok }
}

/// One message of the conversation, in the shape every provider can express.
public enum ChatMessage: Sendable, Equatable {
    /// What the user (or the agent loop on the user's behalf) said.
    case user(String)
    /// What the model answered: text, tool calls, or both.
    case assistant(text: String?, toolCalls: [ToolCall])
    /// The result of running a tool call the model made.
    case toolResult(ToolResult)
}

/// A tool call the model made. `arguments` is the JSON text exactly as the model streamed it.
public struct ToolCall: Sendable, Equatable {
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
public struct ToolResult: Sendable, Equatable {
    public var callID: String
    /// The tool's name; Gemini matches results to calls by name, not id.
    public var name: String
    public var content: String
    public var isError: Bool

    public init(callID: String, name: String, content: String, isError: Bool = false) {
        self.callID = callID
        self.name = name
        self.content = content
        self.isError = isError
    }
}

/// A tool call a model made. `arguments` is the JSON text exactly as the model produced it:
/// it is untrusted and may be malformed, which the agent loop reports back as a tool error.
public struct ModelToolCall: Sendable, Equatable {
    /// The model's own id for the call (OpenAI `call_…`); the loop gives the gateway its own `tc_…` id.
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

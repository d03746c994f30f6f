/// One model turn to generate: the conversation so far, the tools the model may call, and
/// sampling limits. Provider-neutral; each wire format encodes it its own way.
public struct ChatRequest: Sendable, Equatable {
    /// The system prompt, if any.
    public var system: String?
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]
    /// Sampling temperature; `nil` leaves the provider's default (some models accept no other).
    public var temperature: Double?
    /// Upper bound on generated tokens; the worker lowers it to fit the remaining budget.
    public var maxTokens: Int?

    public init(
        system: String? = nil,
        messages: [ChatMessage],
        tools: [ToolDefinition] = [],
        temperature: Double? = nil,
        maxTokens: Int? = nil
    ) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.temperature = temperature
        self.maxTokens = maxTokens
    }
}

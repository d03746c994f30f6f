/// One model turn to generate: the system prompt, the conversation so far and the tools.
public struct ModelRequest: Sendable, Equatable {
    public var system: String
    public var messages: [AgentMessage]
    public var tools: [ToolSpec]
    /// What the session may still spend, in USD, when the gateway says; an adapter with a price
    /// list lowers its `max_tokens` to fit (the gateway enforces the cap regardless).
    public var remainingBudgetUSD: Double?

    public init(system: String, messages: [AgentMessage], tools: [ToolSpec], remainingBudgetUSD: Double? = nil) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.remainingBudgetUSD = remainingBudgetUSD
    }
}

/// A model the agent loop talks to: the built-in ``LocalModel``, the test ``ScriptedModel``,
/// or an adapter over a network provider.
public protocol AgentModel: Sendable {
    /// Provider name for usage reports (`local`, `scripted`, `openai`).
    var provider: String { get }
    /// Model name for usage reports.
    var model: String { get }
    /// Streams one turn. The stream throws ``AgentModelError`` for provider failures and
    /// `CancellationError` when the consuming task is cancelled.
    func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, any Error>
}

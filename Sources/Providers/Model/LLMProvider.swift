/// A chat model behind one normalized streaming interface: OpenAI-compatible servers, Gemini,
/// the built-in offline provider and the ``ProviderRouter`` that chains them.
public protocol LLMProvider: Sendable {
    /// The operator's name for this provider (`openai`, `gemini`, `local`), used in events and metrics.
    var name: String { get }
    /// The model this provider asks for.
    var model: String { get }

    /// Streams one model turn. The stream throws ``ProviderError`` (or `CancellationError` when the
    /// consuming task is cancelled); dropping or cancelling it aborts the underlying request.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error>

    /// Changes this provider's behaviour after it reported `quirk`, so a retry can succeed.
    /// Returns `false` when the provider cannot adapt (the router then gives up on it).
    func adopt(_ quirk: ProviderQuirk) -> Bool
}

extension LLMProvider {
    public func adopt(_ quirk: ProviderQuirk) -> Bool { false }
}

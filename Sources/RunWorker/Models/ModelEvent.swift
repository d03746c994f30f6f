/// One step of a model's streamed turn, the same for every model.
///
/// Order within a turn: text deltas and complete tool calls as they arrive, then at most one
/// `usage`, then `finish`. A stream that ends without `finish` counts as finished.
public enum ModelEvent: Sendable, Equatable {
    case textDelta(String)
    /// A complete call; adapters assemble streamed argument fragments before emitting it.
    case toolCall(ModelToolCall)
    /// Tokens billed for this turn, and who billed them (names the gateway prices by).
    case usage(inputTokens: Int, outputTokens: Int, provider: String, model: String)
    case finish
}

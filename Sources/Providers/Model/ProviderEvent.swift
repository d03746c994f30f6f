/// One step of a model's streamed answer, the same for every wire format.
///
/// Order within a turn: text deltas and tool-call events as they arrive (a call is
/// `toolCallStart`, zero or more `toolCallArgumentsDelta`, `toolCallEnd`), then at most one
/// `usage` (the final figures, even when the wire repeats them), then exactly one `finish`.
public enum ProviderEvent: Sendable, Equatable {
    /// The router picked this provider and model for the attempt that follows.
    case providerSelected(name: String, model: String)
    case textDelta(String)
    case toolCallStart(index: Int, id: String, name: String)
    /// A fragment of the call's JSON arguments; the concatenation of all fragments is the JSON text.
    case toolCallArgumentsDelta(index: Int, fragment: String)
    case toolCallEnd(index: Int)
    /// Tokens billed for this turn.
    case usage(input: Int, output: Int)
    case finish(FinishReason)
}

/// Why the model stopped.
public enum FinishReason: Sendable, Equatable {
    case stop
    case length
    case toolCalls
    case contentFilter
    case other(String)
}

/// A known incompatibility of a model with an otherwise standard request, fixed by changing the
/// request and trying again.
public enum ProviderQuirk: String, Sendable, Equatable, Hashable {
    /// The model accepts only its default temperature (OpenAI reasoning models): omit it.
    case temperatureUnsupported = "temperature_unsupported"
    /// The model rejects `max_tokens` and wants `max_completion_tokens`.
    case maxCompletionTokensRequired = "max_completion_tokens_required"
}

/// Provider-specific behaviour an operator can switch on in the policy.
public struct ProviderFlags: Sendable, Equatable {
    /// Never send `temperature` (models that accept only the default).
    public var omitTemperature: Bool
    /// Send `max_completion_tokens` instead of `max_tokens`.
    public var useMaxCompletionTokens: Bool
    /// Ask for usage in the stream (`stream_options.include_usage`); off for servers that reject it.
    public var includeStreamUsage: Bool

    public init(omitTemperature: Bool = false, useMaxCompletionTokens: Bool = false, includeStreamUsage: Bool = true) {
        self.omitTemperature = omitTemperature
        self.useMaxCompletionTokens = useMaxCompletionTokens
        self.includeStreamUsage = includeStreamUsage
    }
}

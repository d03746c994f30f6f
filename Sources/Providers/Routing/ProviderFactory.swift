/// Builds the provider for one policy entry.
public typealias ProviderFactory = @Sendable (ProviderConfig) -> any LLMProvider

/// The factories for each ``ProviderKind``.
public enum ProviderFactories {
    /// OpenAI-compatible and Gemini over `client`, sharing `quirks`; `local` is the worker's
    /// built-in provider, which lives outside this module and is passed in.
    public static func standard(
        client: HTTPClient = HTTPClient(),
        quirks: QuirkRegistry = QuirkRegistry(),
        local: ProviderFactory? = nil
    ) -> [ProviderKind: ProviderFactory] {
        var factories: [ProviderKind: ProviderFactory] = [
            .openai: { config in
                OpenAICompatibleProvider(
                    name: config.name, baseURL: config.baseURL, apiKey: config.apiKey, model: config.model,
                    flags: config.flags, timeouts: config.timeouts, client: client, quirks: quirks
                )
            },
            .gemini: { config in
                GeminiProvider(
                    name: config.name, baseURL: config.baseURL, apiKey: config.apiKey, model: config.model,
                    timeouts: config.timeouts, client: client
                )
            },
        ]
        factories[.local] = local
        return factories
    }
}

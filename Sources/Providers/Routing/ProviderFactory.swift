import NetGuard
import ProviderCatalog

/// Builds the provider for one policy entry; throws (a ``ProviderConfigError`` by preference)
/// when the entry cannot be served, like the scripted provider without its script.
public typealias ProviderFactory = @Sendable (ProviderConfig) throws -> any LLMProvider

/// The factories for each ``ProviderKind``: the registration step of adding a provider.
public enum ProviderFactories {
    /// The network providers, OpenAI-compatible and Gemini, over `client`, sharing `quirks`.
    /// The worker adds its built-in `local` and `scripted` engines to these.
    public static func standard(
        client: HTTPClient = HTTPClient(),
        quirks: QuirkRegistry = QuirkRegistry()
    ) -> [ProviderKind: ProviderFactory] {
        [
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
    }
}

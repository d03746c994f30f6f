/// The provider kinds this build knows, one ``ProviderDescriptor`` each: the one place that says
/// how a provider is configured and what its models cost. Adding a provider is a descriptor
/// here, its wire format in `Providers`, and its factory in `ProviderFactories`.
public enum ProviderCatalog {
    /// Every kind, in the order error messages list them.
    public static let descriptors: [ProviderDescriptor] = [.openai, .gemini, .local, .scripted]

    /// The descriptor of `kind`, `nil` when this build does not know it.
    public static func descriptor(for kind: ProviderKind) -> ProviderDescriptor? {
        descriptors.first { $0.kind == kind }
    }

    /// The known kind names, for error messages.
    public static var kindList: String { descriptors.map(\.kind.rawValue).joined(separator: ", ") }
}

extension ProviderKind {
    /// OpenAI's `chat/completions` and every server compatible with it (vLLM, llama.cpp, Ollama).
    public static let openai: ProviderKind = "openai"
    /// Google's Generative Language API (Gemini).
    public static let gemini: ProviderKind = "gemini"
    /// The worker's built-in deterministic engine: no key, no network.
    public static let local: ProviderKind = "local"
    /// Test tooling: plays the JSON script named by `RESUME_AGENT_SCRIPT`.
    public static let scripted: ProviderKind = "scripted"
}

extension ProviderDescriptor {
    public static let openai = ProviderDescriptor(
        kind: .openai, apiKeyVariable: "OPENAI_API_KEY", baseURLVariable: "OPENAI_BASE_URL", modelVariable: "OPENAI_MODEL",
        defaultBaseURL: "https://api.openai.com/v1", defaultModel: "gpt-4o-mini", keyRequirement: .requiredAtDefaultBaseURL,
        prices: [
            "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00),
            "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60),
            "gpt-4.1": ModelPrice(inputPerMillion: 2.00, outputPerMillion: 8.00),
            "gpt-4.1-mini": ModelPrice(inputPerMillion: 0.40, outputPerMillion: 1.60),
            "gpt-4.1-nano": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
            "gpt-5": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10.00),
            "gpt-5-mini": ModelPrice(inputPerMillion: 0.25, outputPerMillion: 2.00),
            "o3-mini": ModelPrice(inputPerMillion: 1.10, outputPerMillion: 4.40),
            "o4-mini": ModelPrice(inputPerMillion: 1.10, outputPerMillion: 4.40),
        ]
    )

    public static let gemini = ProviderDescriptor(
        kind: .gemini, apiKeyVariable: "GEMINI_API_KEY", baseURLVariable: "GEMINI_BASE_URL", modelVariable: "GEMINI_MODEL",
        defaultBaseURL: "https://generativelanguage.googleapis.com", defaultModel: "gemini-2.5-flash", keyRequirement: .required,
        prices: [
            "gemini-2.5-pro": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10.00),
            "gemini-2.5-flash": ModelPrice(inputPerMillion: 0.30, outputPerMillion: 2.50),
            "gemini-2.5-flash-lite": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
            "gemini-2.0-flash": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
            "gemini-1.5-pro": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 5.00),
            "gemini-1.5-flash": ModelPrice(inputPerMillion: 0.075, outputPerMillion: 0.30),
        ]
    )

    public static let local = ProviderDescriptor(
        kind: .local, defaultModel: "local-deterministic", billing: .free, prices: ["local-deterministic": .free]
    )

    public static let scripted = ProviderDescriptor(
        kind: .scripted, defaultModel: "scripted", billing: .free, prices: ["scripted": .free]
    )
}

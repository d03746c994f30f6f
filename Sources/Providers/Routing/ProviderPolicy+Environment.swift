/// The simple configuration: environment variables only.
extension ProviderPolicy {
    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"
    public static let defaultGeminiBaseURL = "https://generativelanguage.googleapis.com"
    public static let defaultOpenAIModel = "gpt-4o-mini"
    public static let defaultGeminiModel = "gemini-2.5-flash"
    public static let localModel = "local-deterministic"

    /// Reads `RESUME_AGENT_PROVIDERS` (comma-separated order, default `local`), `OPENAI_BASE_URL`,
    /// `OPENAI_API_KEY`, `OPENAI_MODEL`, `GEMINI_BASE_URL`, `GEMINI_API_KEY`, `GEMINI_MODEL`.
    /// When `RESUME_AGENT_PROVIDER_CONFIG` names a JSON file, that file is the policy instead.
    public static func fromEnvironment(_ environment: [String: String]) throws(ProviderConfigError) -> ProviderPolicy {
        if let path = environment["RESUME_AGENT_PROVIDER_CONFIG"], !path.isEmpty {
            return try fromConfigFile(path: path, environment: environment)
        }
        let names = (environment["RESUME_AGENT_PROVIDERS"] ?? "")
            .split(separator: ",")
            .map { $0.trimmingWhitespace.lowercased() }
            .filter { !$0.isEmpty }
        var providers: [ProviderConfig] = []
        for name in names.isEmpty ? ["local"] : names {
            guard !providers.contains(where: { $0.name == name }) else { throw .duplicateProvider(name) }
            providers.append(try environmentProvider(name, environment))
        }
        return ProviderPolicy(providers: providers)
    }

    private static func environmentProvider(_ name: String, _ environment: [String: String]) throws(ProviderConfigError) -> ProviderConfig {
        switch name {
        case "openai":
            let baseURL = nonEmpty(environment["OPENAI_BASE_URL"]) ?? defaultOpenAIBaseURL
            let key = nonEmpty(environment["OPENAI_API_KEY"]).map(APIKey.init)
            // Self-hosted OpenAI-compatible servers (vLLM, llama.cpp, Ollama) often need no key; OpenAI does.
            if key == nil, baseURL.hasPrefix(defaultOpenAIBaseURL) {
                throw .missingAPIKey(provider: name, variable: "OPENAI_API_KEY")
            }
            return ProviderConfig(
                name: name, kind: .openai, baseURL: baseURL, apiKey: key,
                model: nonEmpty(environment["OPENAI_MODEL"]) ?? defaultOpenAIModel
            )
        case "gemini":
            guard let key = nonEmpty(environment["GEMINI_API_KEY"]).map(APIKey.init) else {
                throw .missingAPIKey(provider: name, variable: "GEMINI_API_KEY")
            }
            return ProviderConfig(
                name: name, kind: .gemini, baseURL: nonEmpty(environment["GEMINI_BASE_URL"]) ?? defaultGeminiBaseURL,
                apiKey: key, model: nonEmpty(environment["GEMINI_MODEL"]) ?? defaultGeminiModel
            )
        case "local":
            return ProviderConfig(name: name, kind: .local, model: localModel, price: .free)
        default:
            throw .unknownProvider(name)
        }
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
        return String(value)
    }
}

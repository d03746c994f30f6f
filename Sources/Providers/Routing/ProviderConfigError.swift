/// Why the provider policy could not be built. Names variables and providers, never secrets.
public enum ProviderConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownProvider(String)
    case unknownKind(String)
    case duplicateProvider(String)
    case missingAPIKey(provider: String, variable: String)
    case invalidConfig(String)
    case unreadableFile(path: String, reason: String)
    case noFactory(ProviderKind)

    public var description: String {
        switch self {
        case .unknownProvider(let name):
            "unknown provider '\(name)' in RESUME_AGENT_PROVIDERS (known: openai, gemini, local)"
        case .unknownKind(let kind):
            "unknown provider kind '\(kind)' (known: openai, gemini, local)"
        case .duplicateProvider(let name):
            "provider '\(name)' is listed twice"
        case .missingAPIKey(let provider, let variable):
            "provider '\(provider)' needs an API key in the environment variable \(variable)"
        case .invalidConfig(let message):
            "invalid provider configuration: \(message)"
        case .unreadableFile(let path, let reason):
            "cannot read provider configuration \(path): \(reason)"
        case .noFactory(let kind):
            "no implementation registered for provider kind '\(kind.rawValue)'"
        }
    }
}

/// Why the provider policy could not be built. Names variables, providers and models, never secrets.
public enum ProviderConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A provider and the model it would use.
    public struct ProviderModel: Sendable, Equatable {
        public var provider: String
        public var model: String

        public init(provider: String, model: String) {
            self.provider = provider
            self.model = model
        }
    }

    case unknownProvider(String)
    case unknownKind(String)
    case duplicateProvider(String)
    case missingAPIKey(provider: String, variable: String)
    case invalidConfig(String)
    case unreadableFile(path: String, reason: String)
    case noFactory(ProviderKind)
    /// `RESUME_AGENT_PRICES` is malformed.
    case invalidPrices(String)
    /// Metered models nobody priced: a cost cap would count them as free.
    case unpricedModels([ProviderModel])
    /// The provider is configured but cannot be built (the scripted provider's script is missing).
    case unusable(provider: String, reason: String)

    public var description: String {
        switch self {
        case .unknownProvider(let name):
            "unknown provider '\(name)' in RESUME_AGENT_PROVIDERS (known: \(ProviderCatalog.kindList))"
        case .unknownKind(let kind):
            "unknown provider kind '\(kind)' (known: \(ProviderCatalog.kindList))"
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
        case .invalidPrices(let message):
            "invalid prices: \(message)"
        case .unpricedModels(let models):
            "no price for " + models.map { "model '\($0.model)' (provider '\($0.provider)')" }.joined(separator: ", ")
                + ": the session cost cap would count it as free. Give it a price in \(OperatorPrices.variable) "
                + "(\"MODEL=IN/OUT\", USD per 1M input/output tokens) or with price_in_per_mtok and price_out_per_mtok "
                + "in the provider config file"
        case .unusable(let provider, let reason):
            "provider '\(provider)' cannot be used: \(reason)"
        }
    }
}

/// Everything the code base knows about one provider kind apart from its transport: how the
/// operator configures it (environment variables, defaults), whether it needs a key, and what
/// its models cost. The gateway reads it for cost caps; Providers adds the wire format.
public struct ProviderDescriptor: Sendable, Equatable {
    /// When an API key must be present.
    public enum KeyRequirement: Sendable, Equatable {
        /// Never (the built-in engines).
        case none
        /// Always.
        case required
        /// Only at ``ProviderDescriptor/defaultBaseURL``: self-hosted compatible servers (vLLM,
        /// llama.cpp, Ollama) often need none, the vendor's own endpoint does.
        case requiredAtDefaultBaseURL
    }

    /// Who pays for tokens.
    public enum Billing: Sendable, Equatable {
        /// Priced per token: every model used must have a price, or start-up is refused.
        case metered
        /// Runs in the worker: free unless the operator gives its model a price (tests do, to
        /// exercise the cost cap).
        case free
    }

    public var kind: ProviderKind
    /// The variable holding the key, for the environment-only configuration.
    public var apiKeyVariable: String?
    /// The variable overriding ``defaultBaseURL``.
    public var baseURLVariable: String?
    /// The variable overriding ``defaultModel``.
    public var modelVariable: String?
    public var defaultBaseURL: String
    public var defaultModel: String
    public var keyRequirement: KeyRequirement
    public var billing: Billing
    /// List prices of the models this kind serves, USD per 1M tokens (standard tier). Dated
    /// snapshots (`gpt-4o-mini-2024-07-18`) price like their family (see ``PriceTable``).
    public var prices: [String: ModelPrice]

    /// Whether runs with this kind call an HTTP endpoint (everything but the in-worker engines).
    public var reachesNetwork: Bool { baseURLVariable != nil }

    public init(
        kind: ProviderKind,
        apiKeyVariable: String? = nil,
        baseURLVariable: String? = nil,
        modelVariable: String? = nil,
        defaultBaseURL: String = "",
        defaultModel: String,
        keyRequirement: KeyRequirement = .none,
        billing: Billing = .metered,
        prices: [String: ModelPrice]
    ) {
        self.kind = kind
        self.apiKeyVariable = apiKeyVariable
        self.baseURLVariable = baseURLVariable
        self.modelVariable = modelVariable
        self.defaultBaseURL = defaultBaseURL
        self.defaultModel = defaultModel
        self.keyRequirement = keyRequirement
        self.billing = billing
        self.prices = prices
    }

    /// Whether a key is required when the provider is reached at `baseURL`.
    public func requiresKey(baseURL: String) -> Bool {
        switch keyRequirement {
        case .none: false
        case .required: true
        case .requiredAtDefaultBaseURL: baseURL.hasPrefix(defaultBaseURL)
        }
    }

    /// What a model of this kind costs when nobody priced it: free for free kinds, else unknown.
    public var unlistedPrice: ModelPrice? { billing == .free ? .free : nil }

    /// Every environment variable this kind reads.
    public var environmentVariables: [String] { [apiKeyVariable, baseURLVariable, modelVariable].compactMap { $0 } }
}

/// The operator's provider policy: which providers, in which fallback order, with which models,
/// prices, retries and flags. Users never choose; the server does.
public struct ProviderPolicy: Sendable, Equatable, CustomStringConvertible {
    /// In fallback order: the first is tried first.
    public var providers: [ProviderConfig]
    public var retry: RetryPolicy
    /// The built-in list prices with the operator's prices over them: what the gateway charges
    /// for any model a worker reports, and what the worker budgets with.
    public var prices: PriceTable

    public init(providers: [ProviderConfig], retry: RetryPolicy = RetryPolicy(), prices: PriceTable = .builtIn) {
        self.providers = providers
        self.retry = retry
        self.prices = prices
    }

    /// The configuration of provider `name`.
    /// Whether any provider the operator allows calls an HTTP endpoint (an unknown kind counts
    /// as one). When none does — the built-in `local` default — agent workers never need libcurl.
    public var reachesNetwork: Bool {
        providers.contains { ProviderCatalog.descriptor(for: $0.kind)?.reachesNetwork ?? true }
    }

    public func provider(named name: String) -> ProviderConfig? {
        providers.first { $0.name == name }
    }

    /// What `input` and `output` tokens cost on provider `name` (unpriced when unknown).
    public func cost(provider name: String, input: Int, output: Int) -> CostEstimate {
        guard let price = provider(named: name)?.price else { return CostEstimate(usd: 0, isPriced: false) }
        return CostEstimate(usd: price.cost(input: input, output: output), isPriced: true)
    }

    /// Refuses a policy with a provider whose model has no price: the gateway's cost cap would
    /// count its tokens as free. Start-up calls this (serve, gateway) and so does each run.
    public func requirePrices() throws(ProviderConfigError) {
        let unpriced = providers.filter { $0.price == nil }.map { ProviderConfigError.ProviderModel(provider: $0.name, model: $0.model) }
        guard unpriced.isEmpty else { throw .unpricedModels(unpriced) }
    }

    /// The policy the environment describes, refused unless every model is priced: what
    /// `resume-agent serve` and the gateway check before they start.
    /// - Parameter resolvingKeys: `false` where keys are not needed (the gateway only prices).
    public static func validated(environment: [String: String], resolvingKeys: Bool = true) throws(ProviderConfigError) -> ProviderPolicy {
        let policy = try fromEnvironment(environment, resolvingKeys: resolvingKeys)
        try policy.requirePrices()
        return policy
    }

    public var description: String {
        "ProviderPolicy(providers: [\(providers.map(\.description).joined(separator: ", "))], retry: \(retry))"
    }
}

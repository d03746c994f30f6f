/// The operator's provider policy: which providers, in which fallback order, with which models,
/// prices, retries and flags. Users never choose; the server does.
public struct ProviderPolicy: Sendable, Equatable, CustomStringConvertible {
    /// In fallback order: the first is tried first.
    public var providers: [ProviderConfig]
    public var retry: RetryPolicy

    public init(providers: [ProviderConfig], retry: RetryPolicy = RetryPolicy()) {
        self.providers = providers
        self.retry = retry
    }

    /// The configuration of provider `name`.
    public func provider(named name: String) -> ProviderConfig? {
        providers.first { $0.name == name }
    }

    /// What `input` and `output` tokens cost on provider `name` (unpriced when unknown).
    public func cost(provider name: String, input: Int, output: Int) -> CostEstimate {
        Pricing.cost(input: input, output: output, price: provider(named: name)?.price)
    }

    public var description: String {
        "ProviderPolicy(providers: [\(providers.map(\.description).joined(separator: ", "))], retry: \(retry))"
    }
}

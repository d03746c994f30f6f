/// Which implementation serves a provider entry.
public enum ProviderKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case openai
    case gemini
    /// The built-in deterministic offline provider (implemented in the worker, injected here).
    case local
}

/// One provider of the operator's policy.
public struct ProviderConfig: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var kind: ProviderKind
    public var baseURL: String
    /// Read from the environment variable the operator named; never from a file, never printed.
    public var apiKey: APIKey?
    public var model: String
    /// `nil` when neither the policy nor ``Pricing/defaults`` knows the model.
    public var price: ModelPrice?
    public var flags: ProviderFlags
    /// Overrides ``RetryPolicy/maxAttemptsPerProvider`` for this provider.
    public var maxAttempts: Int?
    public var timeouts: ProviderTimeouts

    public init(
        name: String,
        kind: ProviderKind,
        baseURL: String = "",
        apiKey: APIKey? = nil,
        model: String,
        price: ModelPrice? = nil,
        flags: ProviderFlags = ProviderFlags(),
        maxAttempts: Int? = nil,
        timeouts: ProviderTimeouts = ProviderTimeouts()
    ) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.price = price ?? Pricing.defaultPrice(for: model)
        self.flags = flags
        self.maxAttempts = maxAttempts
        self.timeouts = timeouts
    }

    public var description: String {
        let key = apiKey == nil ? "none" : "<redacted>"
        return "ProviderConfig(name: \(name), kind: \(kind.rawValue), baseURL: \(baseURL), model: \(model), apiKey: \(key))"
    }
}

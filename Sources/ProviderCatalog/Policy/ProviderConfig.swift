/// One provider of the operator's policy.
public struct ProviderConfig: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var kind: ProviderKind
    public var baseURL: String
    /// Read from the environment variable the operator named; never from a file, never printed.
    public var apiKey: APIKey?
    public var model: String
    /// What the model costs; `nil` when nobody priced it (``ProviderPolicy/requirePrices()``
    /// refuses such a policy).
    public var price: ModelPrice?
    public var flags: ProviderFlags
    /// Overrides ``RetryPolicy/maxAttemptsPerProvider`` for this provider.
    public var maxAttempts: Int?
    public var timeouts: ProviderTimeouts

    /// - Parameter price: the operator's price; when `nil`, the built-in list price of `model`,
    ///   or free for a free kind.
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
        self.price = price ?? PriceTable.builtIn.price(for: model) ?? ProviderCatalog.descriptor(for: kind)?.unlistedPrice
        self.flags = flags
        self.maxAttempts = maxAttempts
        self.timeouts = timeouts
    }

    public var description: String {
        let key = apiKey == nil ? "none" : "<redacted>"
        return "ProviderConfig(name: \(name), kind: \(kind.rawValue), baseURL: \(baseURL), model: \(model), apiKey: \(key))"
    }
}

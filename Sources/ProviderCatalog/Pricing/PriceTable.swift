/// Model name → price (USD per 1M tokens): the one price table. Built from the descriptors'
/// list prices, with the operator's prices laid over them; the gateway charges by it and the
/// worker budgets by it, so both always agree.
public struct PriceTable: Sendable, Equatable {
    public private(set) var prices: [String: ModelPrice]

    public init(_ prices: [String: ModelPrice]) {
        self.prices = prices
    }

    /// Every model any descriptor lists, at its list price.
    public static let builtIn = PriceTable(
        ProviderCatalog.descriptors.reduce(into: [:]) { table, descriptor in
            table.merge(descriptor.prices) { current, _ in current }
        }
    )

    /// This table with `overrides` replacing or adding prices.
    public func merging(_ overrides: [String: ModelPrice]) -> PriceTable {
        PriceTable(prices.merging(overrides) { _, override in override })
    }

    /// The price of `model`: its exact name, else the longest listed family it is a dated
    /// snapshot of (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`). Gemini's `models/` prefix is
    /// ignored, as the Gemini provider ignores it. `nil` when unknown.
    public func price(for model: String) -> ModelPrice? {
        let name = model.hasPrefix("models/") ? String(model.dropFirst("models/".count)) : model
        if let exact = prices[name] { return exact }
        let family = prices.keys.filter { name.hasPrefix($0 + "-") }.max { $0.count < $1.count }
        return family.flatMap { prices[$0] }
    }

    /// The cost of `input` and `output` tokens of `model`; unpriced (0, flagged) when unknown.
    public func cost(model: String, input: Int, output: Int) -> CostEstimate {
        guard let price = price(for: model) else { return CostEstimate(usd: 0, isPriced: false) }
        return CostEstimate(usd: price.cost(input: input, output: output), isPriced: true)
    }

    /// The highest input and the highest output price in the table: what a model nobody priced
    /// is charged, so a cost cap over-counts rather than reads 0.
    public var ceiling: ModelPrice {
        ModelPrice(
            inputPerMillion: prices.values.map(\.inputPerMillion).max() ?? 0,
            outputPerMillion: prices.values.map(\.outputPerMillion).max() ?? 0
        )
    }
}

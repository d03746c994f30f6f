import ProviderCatalog

/// What the session may still spend on this run, and the prices it spends at: lowers each turn's
/// `max_tokens` so one turn cannot cost more than is left. The gateway enforces the cap anyway;
/// this avoids paying for tokens past it.
struct OutputBudget: Sendable, Equatable {
    /// USD the session may still spend, as the gateway said at the start, less what this run's
    /// turns reported since.
    var remainingUSD: Double
    /// The highest input and output prices among the providers the run may use: a fallback may
    /// answer the same request, so the limit must hold for the dearest of them.
    var price: ModelPrice

    /// Output tokens a turn may generate when nothing else says: enough for a full rewrite.
    static let defaultMaxTokens = 4096

    init(remainingUSD: Double, price: ModelPrice) {
        self.remainingUSD = remainingUSD
        self.price = price
    }

    /// The budget for a run over `chain`, or `nil` when the gateway sent no budget.
    init?(remainingUSD: Double?, chain: [ProviderConfig]) {
        guard let remainingUSD else { return nil }
        let prices = chain.compactMap(\.price)
        self.init(
            remainingUSD: remainingUSD,
            price: ModelPrice(
                inputPerMillion: prices.map(\.inputPerMillion).max() ?? 0,
                outputPerMillion: prices.map(\.outputPerMillion).max() ?? 0))
    }

    /// The output limit for the next turn: `configured` (or the default) lowered to what the
    /// remaining budget buys, at least one token; `configured` unchanged when output is free.
    func maxTokens(configured: Int? = nil) -> Int? {
        guard price.outputPerMillion > 0 else { return configured }
        let affordable = Int((max(0, remainingUSD) / price.outputPerMillion * 1_000_000).rounded(.down))
        return max(1, min(configured ?? Self.defaultMaxTokens, affordable))
    }

    /// Takes a turn's reported usage off the remaining budget.
    mutating func spend(input: Int, output: Int) {
        remainingUSD -= price.cost(input: input, output: output)
    }
}

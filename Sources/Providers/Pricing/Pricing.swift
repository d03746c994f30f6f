/// Prices usage in USD from per-million-token prices.
public enum Pricing {
    /// List prices of well-known models (USD per 1M input/output tokens, standard tier, 2025).
    /// Operators override them per provider in the policy; they change more often than code.
    public static let defaults: [String: ModelPrice] = [
        "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00),
        "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60),
        "gpt-4.1": ModelPrice(inputPerMillion: 2.00, outputPerMillion: 8.00),
        "gpt-4.1-mini": ModelPrice(inputPerMillion: 0.40, outputPerMillion: 1.60),
        "gpt-4.1-nano": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
        "gpt-5": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10.00),
        "gpt-5-mini": ModelPrice(inputPerMillion: 0.25, outputPerMillion: 2.00),
        "o3-mini": ModelPrice(inputPerMillion: 1.10, outputPerMillion: 4.40),
        "o4-mini": ModelPrice(inputPerMillion: 1.10, outputPerMillion: 4.40),
        "gemini-2.5-pro": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10.00),
        "gemini-2.5-flash": ModelPrice(inputPerMillion: 0.30, outputPerMillion: 2.50),
        "gemini-2.5-flash-lite": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
        "gemini-2.0-flash": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
    ]

    /// The default price of `model`: exact name, else the longest known prefix, so dated
    /// snapshots (`gpt-4o-mini-2024-07-18`) price like their family.
    public static func defaultPrice(for model: String) -> ModelPrice? {
        if let exact = defaults[model] { return exact }
        let match = defaults.keys.filter { model.hasPrefix($0 + "-") }.max { $0.count < $1.count }
        return match.flatMap { defaults[$0] }
    }

    /// The cost of `input` and `output` tokens at `price`; unpriced when `price` is `nil`.
    public static func cost(input: Int, output: Int, price: ModelPrice?) -> CostEstimate {
        guard let price else { return CostEstimate(usd: 0, isPriced: false) }
        let usd = (Double(input) * price.inputPerMillion + Double(output) * price.outputPerMillion) / 1_000_000
        return CostEstimate(usd: usd, isPriced: true)
    }
}

import Foundation

/// `RESUME_AGENT_PRICES`: the operator's prices, `model=IN/OUT,model2=IN/OUT` in USD per 1M
/// input/output tokens. Read strictly: a malformed entry refuses start-up instead of leaving a
/// model silently unpriced.
public enum OperatorPrices {
    public static let variable = "RESUME_AGENT_PRICES"

    /// The prices in `environment`, by model name.
    public static func parse(environment: [String: String]) throws(ProviderConfigError) -> [String: ModelPrice] {
        try parse(environment[variable] ?? "")
    }

    public static func parse(_ text: String) throws(ProviderConfigError) -> [String: ModelPrice] {
        var prices: [String: ModelPrice] = [:]
        for entry in text.split(separator: ",") {
            let entry = entry.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty else { continue }
            let parts = entry.split(separator: "=", maxSplits: 1)
            let values = parts.count == 2 ? parts[1].split(separator: "/").map { Double($0.trimmingCharacters(in: .whitespaces)) } : []
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty, values.count == 2,
                let input = values[0], let output = values[1], input >= 0, output >= 0, input.isFinite, output.isFinite
            else {
                throw .invalidPrices("'\(entry)' in \(variable) is not model=IN/OUT (USD per 1M tokens, e.g. gpt-4o-mini=0.15/0.6)")
            }
            prices[String(parts[0].trimmingCharacters(in: .whitespaces))] = ModelPrice(inputPerMillion: input, outputPerMillion: output)
        }
        return prices
    }
}

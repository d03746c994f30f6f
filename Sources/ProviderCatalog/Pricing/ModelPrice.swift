/// What a model costs, in US dollars per million tokens.
public struct ModelPrice: Sendable, Equatable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public static let free = ModelPrice(inputPerMillion: 0, outputPerMillion: 0)

    /// What `input` and `output` tokens cost, in USD. The one formula the gateway's cost cap and
    /// the worker's output budget share.
    public func cost(input: Int, output: Int) -> Double {
        (Double(input) * inputPerMillion + Double(output) * outputPerMillion) / 1_000_000
    }
}

/// The cost of some usage, and whether it was actually priced: an unknown model costs 0 but is
/// flagged, so the operator can add its price instead of trusting a zero.
public struct CostEstimate: Sendable, Equatable {
    public var usd: Double
    public var isPriced: Bool

    public init(usd: Double, isPriced: Bool) {
        self.usd = usd
        self.isPriced = isPriced
    }
}

import Foundation

/// Budgets the gateway enforces on every run, from outside the worker.
public struct RunLimits: Sendable, Equatable {
    /// Hard timeout of a run; time spent waiting for a person's approval does not count.
    public var runTimeout: Duration = .seconds(120)
    public var maxSteps = 24
    /// The same tool with the same arguments this many times in a row stops the run.
    public var repeatedCallLimit = 3
    /// A pending approval older than this ends the run (`approval_timeout`).
    public var approvalExpiry: Duration = .seconds(15 * 60)
    /// After `cancel`, how long a worker has before it is SIGKILLed.
    public var killGrace: Duration = .milliseconds(500)
    public var costCapUsd = 0.50
    public var maxUploadBytes = 10 * 1024 * 1024
    /// A job (import, export, fetch) that takes longer is killed.
    public var jobTimeout: Duration = .seconds(30)

    public init() {}

    /// Reads `RESUME_AGENT_RUN_TIMEOUT_S`, `RESUME_AGENT_MAX_STEPS`, `RESUME_AGENT_COST_CAP_USD`,
    /// `RESUME_AGENT_MAX_UPLOAD_BYTES`, `RESUME_AGENT_APPROVAL_EXPIRY_S`.
    public static func fromEnvironment(_ environment: [String: String]) -> RunLimits {
        var limits = RunLimits()
        if let value = environment["RESUME_AGENT_RUN_TIMEOUT_S"].flatMap(Double.init), value > 0 {
            limits.runTimeout = .milliseconds(Int64(value * 1000))
        }
        if let value = environment["RESUME_AGENT_MAX_STEPS"].flatMap(Int.init), value > 0 { limits.maxSteps = value }
        if let value = environment["RESUME_AGENT_COST_CAP_USD"].flatMap(Double.init), value >= 0 { limits.costCapUsd = value }
        if let value = environment["RESUME_AGENT_MAX_UPLOAD_BYTES"].flatMap(Int.init), value > 0 { limits.maxUploadBytes = value }
        if let value = environment["RESUME_AGENT_APPROVAL_EXPIRY_S"].flatMap(Double.init), value > 0 {
            limits.approvalExpiry = .milliseconds(Int64(value * 1000))
        }
        return limits
    }
}

/// Which provider and model runs use first, and what tokens cost (USD per 1M). Users never
/// choose; the operator's policy does.
public struct ProviderPricing: Sendable {
    public var primaryProvider: String
    public var primaryModel: String
    var prices: [String: (input: Double, output: Double)]

    public init(environment: [String: String]) {
        let order = (environment["RESUME_AGENT_PROVIDERS"] ?? "local").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        primaryProvider = order.first ?? "local"
        switch primaryProvider {
        case "openai": primaryModel = environment["OPENAI_MODEL"] ?? "gpt-4o-mini"
        // Same defaults as the Providers module (ProviderPolicy.defaultOpenAIModel / defaultGeminiModel).
        case "gemini": primaryModel = environment["GEMINI_MODEL"] ?? "gemini-2.5-flash"
        case "scripted": primaryModel = "scripted"
        default: primaryModel = "local-deterministic"
        }
        prices = [
            "gpt-4o-mini": (0.15, 0.60), "gpt-4o": (2.50, 10.00), "gpt-4.1-mini": (0.40, 1.60), "gpt-4.1": (2.00, 8.00),
            "o4-mini": (1.10, 4.40), "gemini-2.0-flash": (0.10, 0.40), "gemini-1.5-flash": (0.075, 0.30),
            "gemini-1.5-pro": (1.25, 5.00), "gemini-2.5-flash": (0.30, 2.50), "gemini-2.5-pro": (1.25, 10.00),
            "local-deterministic": (0, 0),
        ]
        // Operator overrides: RESUME_AGENT_PRICES="model=in/out,model2=in/out" (USD per 1M tokens).
        for entry in (environment["RESUME_AGENT_PRICES"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: "=")
            guard parts.count == 2 else { continue }
            let values = parts[1].split(separator: "/").compactMap { Double($0) }
            guard values.count == 2 else { continue }
            prices[parts[0].trimmingCharacters(in: .whitespaces)] = (values[0], values[1])
        }
    }

    /// The cost of a call in USD (unknown models cost 0 and are logged by the caller).
    public func cost(model: String, inputTokens: Int, outputTokens: Int) -> Double? {
        guard let price = prices[model] else { return nil }
        return (Double(inputTokens) * price.input + Double(outputTokens) * price.output) / 1_000_000
    }
}

import Foundation
import ProviderCatalog

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
/// choose; the operator's policy does. Read from the same `ProviderCatalog` policy and price
/// table the worker uses (built-in list prices, `RESUME_AGENT_PRICES`, the config file's prices).
public struct ProviderPricing: Sendable {
    public var primaryProvider: String
    public var primaryModel: String
    let policy: ProviderPolicy
    /// Why the environment's policy is unusable; ``validate()`` throws it at start-up.
    let problem: ProviderConfigError?

    public init(environment: [String: String]) {
        do {
            // Keys are the worker's business; the gateway only needs names, models and prices.
            policy = try ProviderPolicy.fromEnvironment(environment, resolvingKeys: false)
            problem = nil
        } catch {
            policy = ProviderPolicy(providers: [ProviderConfig(name: "local", kind: .local, model: ProviderDescriptor.local.defaultModel)])
            problem = error
        }
        primaryProvider = policy.providers.first?.name ?? "local"
        primaryModel = policy.providers.first?.model ?? ProviderDescriptor.local.defaultModel
    }

    /// Refuses to start with a policy that does not parse or that uses a model with no price.
    public func validate() throws(ProviderConfigError) {
        if let problem { throw problem }
        try policy.requirePrices()
    }

    /// The cost of a call in USD. A model nobody priced (a test script naming its own) is charged
    /// at the table's highest prices: the cost cap must over-count rather than read 0.
    /// What a call cost. A model the table does not know (a provider answering under another
    /// name) is charged at the table's highest price: never counted as free.
    public func cost(model: String, inputTokens: Int, outputTokens: Int) -> Double {
        (policy.prices.price(for: model) ?? policy.prices.ceiling).cost(input: inputTokens, output: outputTokens)
    }

    public func isPriced(model: String) -> Bool { policy.prices.price(for: model) != nil }
}

/// What an agent worker needs to reach the operator's providers, handed over with each agent
/// run's `run_start` and never any other way: a worker's environment holds no provider
/// settings and no keys, and a document worker never receives this at all.
///
/// Its descriptions never show the keys (a frame is never logged whole, but a value can be).
public struct ProviderSetup: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The provider variables of the operator's environment (`RESUME_AGENT_PROVIDERS`,
    /// `RESUME_AGENT_PRICES`, `OPENAI_BASE_URL`, `OPENAI_MODEL`, …), without the keys.
    public var environment: [String: String]
    /// The content of the operator's provider configuration file (`RESUME_AGENT_PROVIDER_CONFIG`),
    /// which the worker could not open: its sandbox gives it no path outside its own.
    public var configJSON: String?
    /// API keys by provider name (the policy's `name`), from the supervisor.
    public var keys: [String: String]
    /// Test tooling: the `scripted` provider's script (`RESUME_AGENT_SCRIPT`'s content).
    public var script: String?

    public init(environment: [String: String] = [:], configJSON: String? = nil, keys: [String: String] = [:], script: String? = nil) {
        self.environment = environment
        self.configJSON = configJSON
        self.keys = keys
        self.script = script
    }

    public var description: String {
        "ProviderSetup(environment: \(environment.keys.sorted()), config: \(configJSON != nil), keys: \(keys.keys.sorted()) <redacted>)"
    }

    public var debugDescription: String { description }

    enum CodingKeys: String, CodingKey {
        case environment, configJSON = "configJson", keys, script  // frames convert keys to snake_case and back
    }
}

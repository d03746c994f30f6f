import Foundation

/// Builds the model a run asks for by provider name. The lead's Providers adapter plugs in here
/// (wrap ``BuiltInModelFactory`` and answer `openai`, `gemini`, …).
public protocol AgentModelFactory: Sendable {
    /// The model for `name`, `nil` if this factory does not know the name.
    /// - Throws: ``AgentModelError`` when it knows the name but cannot build it (no script).
    func model(named name: String, context: ModelContext) throws -> (any AgentModel)?
}

/// What a factory may need to build a model for one run.
public struct ModelContext: Sendable {
    /// The session's workflow state, if the gateway sent it.
    public var state: String?
    /// "Present" for date arithmetic in analysis.
    public var now: Date
    /// The worker's environment (API keys, `RESUME_AGENT_SCRIPT`); injected so tests own it.
    public var environment: [String: String]

    public init(state: String?, now: Date, environment: [String: String]) {
        self.state = state
        self.now = now
        self.environment = environment
    }
}

/// The models every worker has: `local` and, for tests, `scripted`.
public struct BuiltInModelFactory: AgentModelFactory {
    public init() {}

    public func model(named name: String, context: ModelContext) throws -> (any AgentModel)? {
        switch name {
        case "local":
            return LocalModel(state: context.state, now: context.now)
        case "scripted":
            guard let path = context.environment[ScriptedModel.environmentKey], !path.isEmpty else {
                throw AgentModelError(code: "script_missing", message: "The scripted provider needs \(ScriptedModel.environmentKey) to name a script file.")
            }
            return try ScriptedModel(path: path)
        default:
            return nil
        }
    }
}

/// Picks the run's model: the provider the gateway names, else the first provider of
/// `RESUME_AGENT_PROVIDERS` this worker can build, else `local`.
struct ModelSelection {
    static let providersKey = "RESUME_AGENT_PROVIDERS"

    static func model(requested: String?, factory: any AgentModelFactory, context: ModelContext) throws -> any AgentModel {
        if let requested, !requested.isEmpty {
            guard let model = try factory.model(named: requested, context: context) else {
                throw AgentModelError(code: "provider_unavailable", message: "The provider \"\(requested)\" is not available in this worker.")
            }
            return model
        }
        let configured = (context.environment[providersKey] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        for name in configured where !name.isEmpty {
            if let model = try factory.model(named: name, context: context) { return model }
        }
        return LocalModel(state: context.state, now: context.now)
    }
}

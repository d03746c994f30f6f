import Contract
import Foundation
import IPC
import Logging
import ProviderCatalog
import Providers

/// The provider of one `agent` run: a ``ProviderRouter`` over the operator's policy
/// (`RESUME_AGENT_PROVIDERS` or `RESUME_AGENT_PROVIDER_CONFIG`), starting at the provider the
/// gateway names and falling back along the policy's order. Every kind goes through the router,
/// the built-in `local` engine and the `scripted` test tooling included, so retries, fallback and
/// usage attribution work the same for all of them.
struct RunProviders: Sendable {
    /// What the run talks to.
    let router: ProviderRouter
    /// The providers the router may use, in order, with their prices.
    let chain: [ProviderConfig]

    /// - Parameters:
    ///   - requested: the provider the gateway names (the policy's first); `nil` for the whole policy.
    ///   - state, now: what the local engine needs to know about the session.
    ///   - setup: the operator's provider settings and keys, as the run brought them.
    init(requested: String?, state: SessionState?, now: Date, setup: ProviderSetup) throws(ProviderSetupError) {
        let policy: ProviderPolicy
        do {
            policy = try Self.policy(setup)
        } catch {
            throw Self.configError(error)
        }
        var start = 0
        if let requested, !requested.isEmpty {
            guard let index = policy.providers.firstIndex(where: { $0.name == requested }) else {
                throw ProviderSetupError(code: "provider_unavailable", message: "The provider \"\(requested)\" is not available in this worker.")
            }
            start = index
        }
        var chain = policy
        chain.providers = Array(policy.providers[start...])
        do {
            router = try ProviderRouter(
                policy: chain, factories: Self.factories(state: state, now: now, setup: setup), logger: Self.logger)
        } catch {
            throw Self.configError(error)
        }
        self.chain = chain.providers
    }

    /// The policy the settings describe, with each provider's key: from the run's keys (by
    /// provider name), else from a key variable in the settings (a worker run by hand, tests).
    /// The worker's own environment is never read: in production it holds neither.
    static func policy(_ setup: ProviderSetup) throws(ProviderConfigError) -> ProviderPolicy {
        var policy: ProviderPolicy
        if let config = setup.configJSON {
            policy = try ProviderPolicy.fromConfigJSON(Array(config.utf8), environment: setup.environment, resolvingKeys: false)
        } else {
            policy = try ProviderPolicy.fromEnvironment(setup.environment, resolvingKeys: false)
        }
        try policy.requirePrices()
        for index in policy.providers.indices {
            let provider = policy.providers[index]
            let descriptor = ProviderCatalog.descriptor(for: provider.kind)
            let variable = descriptor?.apiKeyVariable
            if let key = setup.keys[provider.name] ?? variable.flatMap({ setup.environment[$0] }), !key.isEmpty {
                policy.providers[index].apiKey = APIKey(key)
            } else if descriptor?.requiresKey(baseURL: provider.baseURL) == true {
                throw .missingAPIKey(provider: provider.name, variable: variable ?? "api_key_env")
            }
        }
        return policy
    }

    /// The factory of every kind a worker serves: the network providers, plus the built-in
    /// engine and the test tooling, which live here because they drive the worker's tools.
    static func factories(state: SessionState?, now: Date, setup: ProviderSetup) -> [ProviderKind: ProviderFactory] {
        var factories = ProviderFactories.standard()
        factories[.local] = { config in LocalProvider(name: config.name, model: config.model, state: state, now: now) }
        factories[.scripted] = { config in
            // The script travels with the run (the worker cannot open the file); by hand, its path.
            if let script = setup.script { return try ScriptedProvider(json: Array(script.utf8), name: config.name) }
            return try ScriptedProvider(environment: setup.environment, name: config.name)
        }
        return factories
    }

    /// The router's own default logs nothing; without this, retries and fallbacks leave no trace.
    static var logger: Logger {
        var logger = Logger(label: "worker")
        logger[metadataKey: "worker.pid"] = "\(ProcessInfo.processInfo.processIdentifier)"
        return logger
    }

    private static func configError(_ error: ProviderConfigError) -> ProviderSetupError {
        ProviderSetupError(code: "provider_config", message: "The provider configuration is invalid: \(error.description)")
    }
}

import Contract
import Foundation
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
    init(requested: String?, state: SessionState?, now: Date, environment: [String: String]) throws(ProviderSetupError) {
        let policy: ProviderPolicy
        do {
            policy = try ProviderPolicy.validated(environment: environment)
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
                policy: chain, factories: Self.factories(state: state, now: now, environment: environment), logger: Self.logger)
        } catch {
            throw Self.configError(error)
        }
        self.chain = chain.providers
    }

    /// The factory of every kind a worker serves: the network providers, plus the built-in
    /// engine and the test tooling, which live here because they drive the worker's tools.
    static func factories(state: SessionState?, now: Date, environment: [String: String]) -> [ProviderKind: ProviderFactory] {
        var factories = ProviderFactories.standard()
        factories[.local] = { config in LocalProvider(name: config.name, model: config.model, state: state, now: now) }
        factories[.scripted] = { config in try ScriptedProvider(environment: environment, name: config.name) }
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

// Enabled with ProviderAgentModel (see ProvidersJobPageFetcher): needs RunWorker → Providers
// and RUNWORKER_PROVIDERS defined.
#if RUNWORKER_PROVIDERS
import Foundation
import Logging
import Providers

/// Models for every configured provider: `local` and `scripted` built in, anything else a
/// ``ProviderRouter`` over the operator's policy (`RESUME_AGENT_PROVIDERS` or
/// `RESUME_AGENT_PROVIDER_CONFIG`), starting at the named provider and falling back along the
/// policy's order, `local` included.
public struct ProvidersModelFactory: AgentModelFactory {
    public init() {}

    /// The router's own default logs nothing; without this, retries and fallbacks leave no trace.
    static var logger: Logger {
        var logger = Logger(label: "worker")
        logger[metadataKey: "worker.pid"] = "\(ProcessInfo.processInfo.processIdentifier)"
        return logger
    }

    public func model(named name: String, context: ModelContext) throws -> (any AgentModel)? {
        if let builtIn = try BuiltInModelFactory().model(named: name, context: context) { return builtIn }
        let policy: ProviderPolicy
        do {
            policy = try ProviderPolicy.fromEnvironment(context.environment)
        } catch {
            throw AgentModelError(code: "provider_config", message: "The provider configuration is invalid: \(error.description)")
        }
        guard let start = policy.providers.firstIndex(where: { $0.name == name }) else { return nil }
        var chain = policy
        chain.providers = Array(policy.providers[start...])
        let local = LocalModel(state: context.state, now: context.now)
        let factories = ProviderFactories.standard(local: { config in LocalLLMProvider(local, name: config.name) })
        do {
            return ProviderAgentModel(try ProviderRouter(policy: chain, factories: factories, logger: Self.logger))
        } catch {
            throw AgentModelError(code: "provider_config", message: "The provider configuration is invalid: \(error.description)")
        }
    }
}
#endif

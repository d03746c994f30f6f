import Foundation
import JSONCore

/// Which of the operator's environment variables are secrets and which are provider settings,
/// so that keys stay in one process: the supervisor reads them, strips them from the
/// environment of everything it spawns, and hands them over by provider name (the gateway
/// passes them to agent runs, never to anything else).
public enum ProviderSecrets {
    /// Every variable that may hold a key: each kind's key variable, and each `api_key_env` the
    /// configuration file names.
    public static func keyVariables(environment: [String: String]) -> Set<String> {
        var names = Set(ProviderCatalog.descriptors.compactMap(\.apiKeyVariable))
        if let path = environment[ProviderPolicy.configFileVariable], !path.isEmpty,
           let data = FileManager.default.contents(atPath: path), let root = try? JSONValue.parse(bytes: Array(data)) {
            for entry in root["providers"]?.arrayValue ?? [] {
                if let variable = entry["api_key_env"]?.stringValue, !variable.isEmpty { names.insert(variable) }
            }
        }
        return names
    }

    /// The non-secret variables a worker needs to build the same policy: the provider order,
    /// prices, and each kind's base URL and model.
    public static func settingVariables() -> Set<String> {
        var names: Set<String> = [ProviderPolicy.providersVariable, OperatorPrices.variable]
        for descriptor in ProviderCatalog.descriptors {
            if let variable = descriptor.baseURLVariable { names.insert(variable) }
            if let variable = descriptor.modelVariable { names.insert(variable) }
        }
        return names
    }

    /// The keys of the policy `environment` describes, by provider name (providers without a
    /// key are absent). Throws what the policy throws (a missing required key among others).
    public static func keysByProvider(environment: [String: String]) throws(ProviderConfigError) -> [String: String] {
        let policy = try ProviderPolicy.fromEnvironment(environment, resolvingKeys: true)
        var keys: [String: String] = [:]
        for provider in policy.providers {
            if let key = provider.apiKey?.secret { keys[provider.name] = key }
        }
        return keys
    }
}

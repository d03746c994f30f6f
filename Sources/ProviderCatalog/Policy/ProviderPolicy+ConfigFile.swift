import Foundation
import JSONCore

/// The full configuration: a JSON file.
///
/// ```json
/// {
///   "providers": [
///     {"name": "openai", "kind": "openai", "base_url": "https://api.openai.com/v1",
///      "api_key_env": "OPENAI_API_KEY", "model": "gpt-4o-mini",
///      "price_in_per_mtok": 0.15, "price_out_per_mtok": 0.6,
///      "flags": {"omit_temperature": false, "max_completion_tokens": false, "stream_usage": true},
///      "max_attempts": 2, "timeout_s": 300, "connect_timeout_s": 10, "idle_timeout_s": 90},
///     {"name": "local", "kind": "local"}
///   ],
///   "retries": {"max_attempts_per_provider": 2, "base_delay_ms": 500, "max_delay_ms": 8000, "max_retry_after_s": 30}
/// }
/// ```
/// Keys are never written in the file: `api_key_env` names the variable holding them. A
/// provider's price fields price its model everywhere (the gateway charges by model name), over
/// `RESUME_AGENT_PRICES` and the built-in list.
extension ProviderPolicy {
    /// Reads the policy from the JSON file at `path`.
    public static func fromConfigFile(path: String, environment: [String: String], resolvingKeys: Bool = true) throws(ProviderConfigError) -> ProviderPolicy {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        return try fromConfigJSON(Array(data), environment: environment, resolvingKeys: resolvingKeys)
    }

    /// Reads the policy from JSON bytes.
    public static func fromConfigJSON(_ bytes: [UInt8], environment: [String: String], resolvingKeys: Bool = true) throws(ProviderConfigError) -> ProviderPolicy {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes: bytes)
        } catch {
            throw .invalidConfig("not valid JSON: \(error)")
        }
        guard let entries = root["providers"]?.arrayValue, !entries.isEmpty else {
            throw .invalidConfig("'providers' must be a non-empty array")
        }
        let operatorPrices = try OperatorPrices.parse(environment: environment)
        var filePrices: [String: ModelPrice] = [:]
        for (position, entry) in entries.enumerated() {
            guard let (model, price) = try entryPrice(entry, position: position) else { continue }
            if let other = filePrices[model], other != price { throw .invalidConfig("model '\(model)' is given two different prices") }
            filePrices[model] = price
        }
        let prices = PriceTable.builtIn.merging(operatorPrices).merging(filePrices)
        var providers: [ProviderConfig] = []
        for (position, entry) in entries.enumerated() {
            let provider = try configEntry(entry, position: position, prices: prices, environment: environment, resolvingKeys: resolvingKeys)
            guard !providers.contains(where: { $0.name == provider.name }) else { throw .duplicateProvider(provider.name) }
            providers.append(provider)
        }
        return ProviderPolicy(providers: providers, retry: try retryPolicy(root["retries"]), prices: prices)
    }

    private static func configEntry(
        _ entry: JSONValue, position: Int, prices: PriceTable, environment: [String: String], resolvingKeys: Bool
    ) throws(ProviderConfigError) -> ProviderConfig {
        let (name, descriptor) = try nameAndDescriptor(entry, position: position)
        if entry["api_key"] != nil {
            throw .invalidConfig("\(name): put the key in an environment variable and name it in 'api_key_env'")
        }
        let key = resolvingKeys ? try apiKey(entry, name: name, environment: environment) : nil
        let model = entry["model"]?.stringValue ?? descriptor.defaultModel
        return ProviderConfig(
            name: name, kind: descriptor.kind, baseURL: entry["base_url"]?.stringValue ?? descriptor.defaultBaseURL, apiKey: key,
            model: model, price: prices.price(for: model) ?? descriptor.unlistedPrice, flags: flags(entry["flags"]),
            maxAttempts: entry["max_attempts"]?.intValue, timeouts: timeouts(entry)
        )
    }

    private static func nameAndDescriptor(_ entry: JSONValue, position: Int) throws(ProviderConfigError) -> (String, ProviderDescriptor) {
        guard let name = entry["name"]?.stringValue, !name.isEmpty else {
            throw .invalidConfig("providers[\(position)] needs a 'name'")
        }
        let kindText = entry["kind"]?.stringValue ?? name
        guard let descriptor = ProviderCatalog.descriptor(for: ProviderKind(rawValue: kindText)) else { throw .unknownKind(kindText) }
        return (name, descriptor)
    }

    /// The entry's model and the price its fields give it, if they do.
    private static func entryPrice(_ entry: JSONValue, position: Int) throws(ProviderConfigError) -> (String, ModelPrice)? {
        let input = entry["price_in_per_mtok"]?.doubleValue, output = entry["price_out_per_mtok"]?.doubleValue
        guard input != nil || output != nil else { return nil }
        let (name, descriptor) = try nameAndDescriptor(entry, position: position)
        guard let input, let output else { throw .invalidConfig("\(name): give both price_in_per_mtok and price_out_per_mtok") }
        guard input >= 0, output >= 0 else { throw .invalidConfig("\(name): prices must not be negative") }
        return (entry["model"]?.stringValue ?? descriptor.defaultModel, ModelPrice(inputPerMillion: input, outputPerMillion: output))
    }

    private static func apiKey(_ entry: JSONValue, name: String, environment: [String: String]) throws(ProviderConfigError) -> APIKey? {
        guard let variable = entry["api_key_env"]?.stringValue else { return nil }
        guard let secret = nonEmpty(environment[variable]) else { throw .missingAPIKey(provider: name, variable: variable) }
        return APIKey(secret)
    }

    private static func flags(_ value: JSONValue?) -> ProviderFlags {
        ProviderFlags(
            omitTemperature: value?["omit_temperature"]?.boolValue ?? false,
            useMaxCompletionTokens: value?["max_completion_tokens"]?.boolValue ?? false,
            includeStreamUsage: value?["stream_usage"]?.boolValue ?? true
        )
    }

    private static func timeouts(_ entry: JSONValue) -> ProviderTimeouts {
        let defaults = ProviderTimeouts()
        func seconds(_ key: String, _ fallback: Duration) -> Duration {
            entry[key]?.doubleValue.map { .milliseconds(Int64($0 * 1000)) } ?? fallback
        }
        return ProviderTimeouts(
            connect: seconds("connect_timeout_s", defaults.connect),
            total: seconds("timeout_s", defaults.total),
            idle: seconds("idle_timeout_s", defaults.idle)
        )
    }

    private static func retryPolicy(_ value: JSONValue?) throws(ProviderConfigError) -> RetryPolicy {
        let defaults = RetryPolicy()
        guard let value else { return defaults }
        guard case .object = value else { throw .invalidConfig("'retries' must be an object") }
        func milliseconds(_ key: String, _ fallback: Duration) -> Duration {
            value[key]?.intValue.map { .milliseconds($0) } ?? fallback
        }
        return RetryPolicy(
            maxAttemptsPerProvider: value["max_attempts_per_provider"]?.intValue ?? defaults.maxAttemptsPerProvider,
            baseDelay: milliseconds("base_delay_ms", defaults.baseDelay),
            maxDelay: milliseconds("max_delay_ms", defaults.maxDelay),
            maxRetryAfter: value["max_retry_after_s"]?.intValue.map { .seconds($0) } ?? defaults.maxRetryAfter
        )
    }
}

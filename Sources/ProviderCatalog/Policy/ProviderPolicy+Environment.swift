import Foundation

/// The simple configuration: environment variables only.
extension ProviderPolicy {
    public static let providersVariable = "RESUME_AGENT_PROVIDERS"
    public static let configFileVariable = "RESUME_AGENT_PROVIDER_CONFIG"

    /// Reads `RESUME_AGENT_PROVIDERS` (comma-separated order, default `local`) and, for each
    /// provider, the variables its ``ProviderDescriptor`` names (`OPENAI_BASE_URL`,
    /// `OPENAI_API_KEY`, `OPENAI_MODEL`, `GEMINI_…`); `RESUME_AGENT_PRICES` prices models.
    /// When `RESUME_AGENT_PROVIDER_CONFIG` names a JSON file, that file is the policy instead.
    /// - Parameter resolvingKeys: `false` leaves keys out and does not require them (for a
    ///   process that only needs names, models and prices).
    public static func fromEnvironment(_ environment: [String: String], resolvingKeys: Bool = true) throws(ProviderConfigError) -> ProviderPolicy {
        if let path = environment[configFileVariable], !path.isEmpty {
            return try fromConfigFile(path: path, environment: environment, resolvingKeys: resolvingKeys)
        }
        let prices = PriceTable.builtIn.merging(try OperatorPrices.parse(environment: environment))
        let names = (environment[providersVariable] ?? "")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        var providers: [ProviderConfig] = []
        for name in names.isEmpty ? [ProviderKind.local.rawValue] : names {
            guard !providers.contains(where: { $0.name == name }) else { throw .duplicateProvider(name) }
            providers.append(try environmentProvider(name, environment, prices: prices, resolvingKeys: resolvingKeys))
        }
        return ProviderPolicy(providers: providers, prices: prices)
    }

    private static func environmentProvider(
        _ name: String, _ environment: [String: String], prices: PriceTable, resolvingKeys: Bool
    ) throws(ProviderConfigError) -> ProviderConfig {
        guard let descriptor = ProviderCatalog.descriptor(for: ProviderKind(rawValue: name)) else { throw .unknownProvider(name) }
        let baseURL = descriptor.baseURLVariable.flatMap { nonEmpty(environment[$0]) } ?? descriptor.defaultBaseURL
        var key: APIKey?
        if resolvingKeys, let variable = descriptor.apiKeyVariable {
            key = nonEmpty(environment[variable]).map(APIKey.init)
            if key == nil, descriptor.requiresKey(baseURL: baseURL) { throw .missingAPIKey(provider: name, variable: variable) }
        }
        let model = descriptor.modelVariable.flatMap { nonEmpty(environment[$0]) } ?? descriptor.defaultModel
        return ProviderConfig(
            name: name, kind: descriptor.kind, baseURL: baseURL, apiKey: key, model: model,
            price: prices.price(for: model) ?? descriptor.unlistedPrice
        )
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

import Foundation
import Testing
import TestScratch
@testable import ProviderCatalog

@Suite struct ProviderPolicyTests {
    @Test func defaultsToTheLocalProvider() throws {
        let policy = try ProviderPolicy.fromEnvironment([:])
        #expect(policy.providers.map(\.name) == ["local"])
        #expect(policy.providers.first?.kind == .local)
        #expect(policy.cost(provider: "local", input: 1000, output: 1000) == CostEstimate(usd: 0, isPriced: true))
    }

    /// Agent workers skip loading libcurl only when no allowed provider calls an endpoint.
    @Test func onlyTheBuiltInEnginesNeverReachTheNetwork() throws {
        #expect(try ProviderPolicy.fromEnvironment([:]).reachesNetwork == false)
        #expect(try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "local,scripted"]).reachesNetwork == false)
        #expect(try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "local,openai", "OPENAI_API_KEY": "k"]).reachesNetwork)
        #expect(try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "gemini", "GEMINI_API_KEY": "k"]).reachesNetwork)
    }

    @Test func readsOrderModelsAndKeysFromEnvironment() throws {
        let policy = try ProviderPolicy.fromEnvironment([
            "RESUME_AGENT_PROVIDERS": " openai, gemini ,local",
            "OPENAI_API_KEY": "sk-env-1", "OPENAI_MODEL": "gpt-4.1-mini",
            "GEMINI_API_KEY": "AIza-env-2", "GEMINI_BASE_URL": "http://127.0.0.1:9/",
        ])
        #expect(policy.providers.map(\.name) == ["openai", "gemini", "local"])
        let openai = try #require(policy.provider(named: "openai"))
        #expect(openai.baseURL == "https://api.openai.com/v1")
        #expect(openai.model == "gpt-4.1-mini")
        #expect(openai.apiKey == APIKey("sk-env-1"))
        #expect(openai.price == ModelPrice(inputPerMillion: 0.40, outputPerMillion: 1.60))
        let gemini = try #require(policy.provider(named: "gemini"))
        #expect(gemini.model == "gemini-2.5-flash")
        #expect(gemini.baseURL == "http://127.0.0.1:9/")
    }

    @Test func keylessOpenAICompatibleServerIsAllowedButOpenAIIsNot() throws {
        let local = try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
        #expect(local.providers.first?.apiKey == nil)
        #expect(throws: ProviderConfigError.missingAPIKey(provider: "openai", variable: "OPENAI_API_KEY")) {
            _ = try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "openai"])
        }
    }

    @Test func rejectsUnknownAndDuplicateProviders() {
        #expect(throws: ProviderConfigError.unknownProvider("claude")) { _ = try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "claude"]) }
        #expect(throws: ProviderConfigError.duplicateProvider("local")) { _ = try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDERS": "local,local"]) }
    }

    static let configFile = """
        {
          "providers": [
            {"name": "primary", "kind": "openai", "base_url": "http://127.0.0.1:8000/v1", "api_key_env": "VLLM_KEY",
             "model": "qwen2.5-72b", "price_in_per_mtok": 0.5, "price_out_per_mtok": 1.5,
             "flags": {"omit_temperature": true, "stream_usage": false}, "max_attempts": 3, "timeout_s": 120},
            {"name": "gemini", "kind": "gemini", "api_key_env": "GEMINI_API_KEY", "model": "gemini-2.5-pro"},
            {"name": "local", "kind": "local"}
          ],
          "retries": {"max_attempts_per_provider": 4, "base_delay_ms": 250, "max_delay_ms": 2000, "max_retry_after_s": 10}
        }
        """

    @Test func readsTheJSONConfigFile() throws {
        let policy = try ProviderPolicy.fromConfigJSON(Array(Self.configFile.utf8), environment: ["VLLM_KEY": "vk-1", "GEMINI_API_KEY": "AIza-3"])
        #expect(policy.providers.map(\.name) == ["primary", "gemini", "local"])
        let primary = try #require(policy.provider(named: "primary"))
        #expect(primary.kind == .openai)
        #expect(primary.apiKey == APIKey("vk-1"))
        #expect(primary.price == ModelPrice(inputPerMillion: 0.5, outputPerMillion: 1.5))
        #expect(primary.flags == ProviderFlags(omitTemperature: true, useMaxCompletionTokens: false, includeStreamUsage: false))
        #expect(primary.maxAttempts == 3)
        #expect(primary.timeouts.total == .seconds(120))
        #expect(policy.provider(named: "gemini")?.baseURL == "https://generativelanguage.googleapis.com")
        #expect(policy.provider(named: "gemini")?.price == ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10))
        #expect(policy.retry == RetryPolicy(maxAttemptsPerProvider: 4, baseDelay: .milliseconds(250), maxDelay: .seconds(2), maxRetryAfter: .seconds(10)))
    }

    @Test func configFileFromEnvironmentVariable() throws {
        let path = Scratch.file("providers", named: "providers.json")
        try Self.configFile.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try ProviderPolicy.fromEnvironment(["RESUME_AGENT_PROVIDER_CONFIG": path, "VLLM_KEY": "k", "GEMINI_API_KEY": "g"])
        #expect(policy.providers.count == 3)
    }

    @Test func configFileRefusesInlineKeysAndMissingVariables() {
        let inline = #"{"providers":[{"name":"openai","api_key":"sk-inline"}]}"#
        #expect(throws: ProviderConfigError.self) { _ = try ProviderPolicy.fromConfigJSON(Array(inline.utf8), environment: [:]) }
        #expect(throws: ProviderConfigError.missingAPIKey(provider: "gemini", variable: "GEMINI_API_KEY")) {
            _ = try ProviderPolicy.fromConfigJSON(Array(Self.configFile.utf8), environment: ["VLLM_KEY": "k"])
        }
    }

    // MARK: - Pricing and backoff

    @Test func pricesUsageAndFlagsUnknownModels() {
        let cost = PriceTable.builtIn.cost(model: "gpt-4o-mini-2024-07-18", input: 1_000_000, output: 500_000)
        #expect(cost.isPriced)
        #expect(abs(cost.usd - 0.45) < 1e-9)
        #expect(PriceTable.builtIn.price(for: "gpt-4o-2024-08-06") == PriceTable.builtIn.prices["gpt-4o"])
        #expect(PriceTable.builtIn.price(for: "models/gemini-2.5-flash") == PriceTable.builtIn.prices["gemini-2.5-flash"])
        #expect(PriceTable.builtIn.cost(model: "mystery-model", input: 10, output: 10) == CostEstimate(usd: 0, isPriced: false))
    }

    @Test func backoffDoublesWithJitterAndCaps() {
        let retry = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), maxRetryAfter: .seconds(5))
        #expect(retry.delay(afterAttempt: 1, retryAfter: nil, jitter: 1) == .milliseconds(100))
        #expect(retry.delay(afterAttempt: 2, retryAfter: nil, jitter: 0) == .milliseconds(100))
        #expect(retry.delay(afterAttempt: 2, retryAfter: nil, jitter: 1) == .milliseconds(200))
        #expect(retry.delay(afterAttempt: 5, retryAfter: nil, jitter: 1) == .milliseconds(350))
        #expect(retry.delay(afterAttempt: 1, retryAfter: .seconds(2), jitter: 0) == .seconds(2))
        #expect(retry.delay(afterAttempt: 1, retryAfter: .seconds(6), jitter: 0) == nil)
    }
}

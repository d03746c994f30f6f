import Foundation
import Gateway
import Testing
import TestScratch
@testable import ProviderCatalog

/// One price table: every model a provider kind names is priced, and the gateway (which
/// enforces the session cost cap) charges exactly what the worker's policy says, for every model.
@Suite struct PriceAgreementTests {
    /// An environment that makes `model` the model of provider `kind`, keys included.
    static func environment(kind: ProviderDescriptor, model: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["RESUME_AGENT_PROVIDERS": kind.kind.rawValue]
        if let variable = kind.apiKeyVariable { environment[variable] = "test-key" }
        if let variable = kind.modelVariable { environment[variable] = model }
        return environment.merging(extra) { _, new in new }
    }

    /// Every model a descriptor names (its default and its list), with its descriptor.
    static let namedModels: [(ProviderDescriptor, String)] = ProviderCatalog.descriptors.flatMap { descriptor in
        Set([descriptor.defaultModel] + descriptor.prices.keys).sorted().map { (descriptor, $0) }
    }

    @Test func everyModelAKindNamesIsPriced() {
        for (descriptor, model) in Self.namedModels {
            #expect(PriceTable.builtIn.price(for: model) != nil, "\(descriptor.kind): \(model) has no price")
        }
        #expect(Self.namedModels.count >= 17)
    }

    @Test func gatewayAndWorkerChargeTheSameForEveryPricedModel() throws {
        for (descriptor, model) in Self.namedModels where descriptor.modelVariable != nil || model == descriptor.defaultModel {
            let environment = Self.environment(kind: descriptor, model: model)
            let gateway = ProviderPricing(environment: environment)
            try gateway.validate()
            let policy = try ProviderPolicy.validated(environment: environment)
            #expect(gateway.primaryProvider == descriptor.kind.rawValue)
            #expect(gateway.primaryModel == model)
            for (input, output) in [(1_234, 567), (1_000_000, 0), (0, 1_000_000)] {
                let worker = policy.cost(provider: descriptor.kind.rawValue, input: input, output: output)
                let charged = gateway.cost(model: model, inputTokens: input, outputTokens: output)
                #expect(worker.isPriced)
                #expect(charged == worker.usd, "\(model): gateway \(charged) ≠ worker \(worker.usd)")
                if descriptor.billing == .metered, input + output > 0 {
                    #expect(charged > 0, "the gateway counts \(model) as free")
                }
            }
        }
    }

    @Test func operatorPricesReachBothSides() throws {
        let environment = Self.environment(
            kind: .openai, model: "house-llm", extra: ["OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "RESUME_AGENT_PRICES": "house-llm=0.5/1.5, gpt-4o=3/12"])
        let gateway = ProviderPricing(environment: environment)
        try gateway.validate()
        let policy = try ProviderPolicy.validated(environment: environment)
        #expect(gateway.cost(model: "house-llm", inputTokens: 2_000_000, outputTokens: 1_000_000) == 2.5)
        #expect(policy.cost(provider: "openai", input: 2_000_000, output: 1_000_000).usd == 2.5)
        // An override replaces the list price on both sides.
        #expect(gateway.cost(model: "gpt-4o", inputTokens: 1_000_000, outputTokens: 0) == 3)
        #expect(policy.prices.price(for: "gpt-4o") == ModelPrice(inputPerMillion: 3, outputPerMillion: 12))
    }

    @Test func configFilePricesReachTheGateway() throws {
        let file = Scratch.file("providers", named: "providers.json")
        try #"{"providers":[{"name":"vllm","kind":"openai","base_url":"http://127.0.0.1:8000/v1","model":"qwen2.5-72b","price_in_per_mtok":0.5,"price_out_per_mtok":1.5},{"name":"local","kind":"local"}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let gateway = ProviderPricing(environment: ["RESUME_AGENT_PROVIDER_CONFIG": file])
        try gateway.validate()
        #expect(gateway.primaryProvider == "vllm")
        #expect(gateway.primaryModel == "qwen2.5-72b")
        #expect(gateway.cost(model: "qwen2.5-72b", inputTokens: 1_000_000, outputTokens: 1_000_000) == 2)
    }

    @Test func anUnpricedModelIsRefusedAtStartUpOnBothSides() {
        let environment = Self.environment(kind: .openai, model: "house-llm", extra: ["OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"])
        let expected = ProviderConfigError.unpricedModels([.init(provider: "openai", model: "house-llm")])
        #expect(throws: expected) { try ProviderPricing(environment: environment).validate() }
        #expect(throws: expected) { _ = try ProviderPolicy.validated(environment: environment) }
        #expect(expected.description.contains("RESUME_AGENT_PRICES"))
    }

    @Test func malformedOperatorPricesAreRefused() {
        for text in ["gpt-4o=2", "gpt-4o=a/b", "=1/2", "gpt-4o=-1/2", "gpt-4o"] {
            #expect(throws: ProviderConfigError.self, "\(text)") { try ProviderPricing(environment: ["RESUME_AGENT_PRICES": text]).validate() }
        }
    }

    @Test func freeKindsAreFreeUnlessTheOperatorPricesThem() throws {
        let local = ProviderPricing(environment: [:])
        try local.validate()
        #expect(local.primaryProvider == "local")
        #expect(local.cost(model: "local-deterministic", inputTokens: 1_000, outputTokens: 1_000) == 0)
        let scripted = ProviderPricing(environment: ["RESUME_AGENT_PROVIDERS": "scripted", "RESUME_AGENT_PRICES": "scripted=1000/1000"])
        try scripted.validate()
        #expect(scripted.cost(model: "scripted", inputTokens: 1_000, outputTokens: 0) == 1)
    }

    @Test func aModelNobodyPricedIsChargedAtTheCeilingNeverZero() throws {
        let gateway = ProviderPricing(environment: [:])
        let ceiling = PriceTable.builtIn.ceiling
        #expect(ceiling.outputPerMillion >= 10)
        #expect(gateway.cost(model: "model-from-a-script", inputTokens: 1_000_000, outputTokens: 1_000_000) == ceiling.inputPerMillion + ceiling.outputPerMillion)
    }

    @Test func anInvalidPolicyIsRefusedByTheGateway() {
        #expect(throws: ProviderConfigError.unknownProvider("claude")) {
            try ProviderPricing(environment: ["RESUME_AGENT_PROVIDERS": "claude"]).validate()
        }
    }
}

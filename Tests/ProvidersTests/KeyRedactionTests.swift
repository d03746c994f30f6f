import Foundation
import Testing
@testable import Providers
import ProviderCatalog

/// API keys never appear in descriptions, dumps, requests' descriptions or errors.
@Suite struct KeyRedactionTests {
    static let secret = "sk-live-SECRET-0123456789"

    @Test func configsAndPoliciesPrintRedacted() throws {
        let policy = try ProviderPolicy.fromEnvironment([
            "RESUME_AGENT_PROVIDERS": "openai,gemini", "OPENAI_API_KEY": Self.secret, "GEMINI_API_KEY": Self.secret,
        ])
        var dumped = ""
        dump(policy, to: &dumped)
        for text in [String(describing: policy), String(reflecting: policy), "\(policy.providers)", dumped,
                     String(describing: policy.providers[0].apiKey as Any), String(reflecting: policy.providers[0])] {
            #expect(!text.contains(Self.secret), "leaked in: \(text)")
        }
        #expect(String(describing: policy).contains("<redacted>"))
    }

    @Test func providersAndRequestsPrintRedacted() {
        let openai = OpenAICompatibleProvider(baseURL: "http://127.0.0.1:9", apiKey: APIKey(Self.secret), model: "m")
        let gemini = GeminiProvider(baseURL: "http://127.0.0.1:9", apiKey: APIKey(Self.secret), model: "m")
        var dumped = ""
        dump(openai, to: &dumped)
        for text in [String(describing: openai), String(describing: gemini), dumped,
                     String(describing: openai.httpRequest(for: TestRequests.simple)),
                     String(describing: gemini.httpRequest(for: TestRequests.simple))] {
            #expect(!text.contains(Self.secret), "leaked in: \(text)")
        }
        // The header really carries it; only printing hides it.
        #expect(openai.httpRequest(for: TestRequests.simple).headers["authorization"] == "Bearer \(Self.secret)")
    }

    @Test func errorsEchoingTheKeyAreRedacted() {
        let body = #"{"error":{"message":"Incorrect API key provided: \#(Self.secret)","type":"invalid_request_error"}}"#
        let error = ErrorBody.classify(status: 401, headers: [:], body: Array(body.utf8), provider: "openai", key: APIKey(Self.secret), detectsQuirks: true)
        #expect(!String(describing: error).contains(Self.secret))
        #expect(!"\(error.kind)".contains(Self.secret))
        #expect(!ProviderConfigError.missingAPIKey(provider: "openai", variable: "OPENAI_API_KEY").description.contains(Self.secret))
    }
}

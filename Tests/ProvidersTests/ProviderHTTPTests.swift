import Foundation
import Testing
@testable import Providers
import JSONCore
import ProviderCatalog
import HTTPTestSupport

/// The real libcurl client against local servers speaking each wire format.
@Suite struct ProviderHTTPTests {
    @Test func openAIStreamsTextAndSendsWhatTheAPIExpects() async throws {
        try await FakeHTTPServer.with({ _, _ in .sse(OpenAIFixtures.plainText) }) { server in
            let provider = OpenAICompatibleProvider(baseURL: server.baseURL + "/v1/", apiKey: APIKey("sk-test-123"), model: "gpt-4o-mini")
            let result = await collect(provider.stream(TestRequests.turn))
            #expect(result.error == nil)
            #expect(result.events == OpenAIFixtures.plainTextEvents.events)

            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.target == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer sk-test-123")
            #expect(request.headers["content-type"] == "application/json")
            let body = try #require(request.json)
            #expect(body["model"] == "gpt-4o-mini")
            #expect(body["stream"] == true)
            #expect(body["stream_options"] == ["include_usage": true])
            #expect(body["temperature"] == 0.2)
            #expect(body["max_tokens"] == 512)
            #expect(body["messages"] == [
                ["role": "system", "content": "You tailor resumes truthfully."],
                ["role": "user", "content": "Tailor my resume to the job."],
                ["role": "assistant", "content": nil, "tool_calls": [
                    ["id": "call_1", "type": "function", "function": ["name": "read_resume", "arguments": "{\"section\":\"skills\"}"]],
                ]],
                ["role": "tool", "tool_call_id": "call_1", "content": "Swift, SQL"],
            ])
            #expect(body["tools"]?[0]?["type"] == "function")
            #expect(body["tools"]?[0]?["function"]?["name"] == "read_resume")
            #expect(body["tools"]?[0]?["function"]?["parameters"]?["required"] == ["section"])
        }
    }

    @Test func openAIToolCallsArriveOverCurl() async throws {
        try await FakeHTTPServer.with({ _, _ in .sse(OpenAIFixtures.parallelToolCalls, pieces: 9) }) { server in
            let provider = OpenAICompatibleProvider(baseURL: server.baseURL + "/v1", apiKey: nil, model: "gpt-4o")
            let result = await collect(provider.stream(TestRequests.simple))
            #expect(result.error == nil)
            #expect(result.events == OpenAIFixtures.parallelToolCallEvents.events)
            // A keyless local server (vLLM, Ollama) gets no Authorization header at all.
            #expect(server.requests.first?.headers["authorization"] == nil)
        }
    }

    @Test func geminiStreamsAndSendsWhatTheAPIExpects() async throws {
        try await FakeHTTPServer.with({ _, _ in .sse(GeminiFixtures.functionCalls) }) { server in
            let provider = GeminiProvider(baseURL: server.baseURL, apiKey: APIKey("AIza-test-key"), model: "gemini-2.5-flash")
            let result = await collect(provider.stream(TestRequests.turn))
            #expect(result.error == nil)
            #expect(result.events == GeminiFixtures.functionCallEvents.events)

            let request = try #require(server.requests.first)
            #expect(request.target == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
            #expect(request.headers["x-goog-api-key"] == "AIza-test-key")
            #expect(request.headers["authorization"] == nil)
            #expect(!request.target.contains("AIza"))
            let body = try #require(request.json)
            #expect(body["systemInstruction"] == ["parts": [["text": "You tailor resumes truthfully."]]])
            #expect(body["contents"] == [
                ["role": "user", "parts": [["text": "Tailor my resume to the job."]]],
                ["role": "model", "parts": [["functionCall": ["name": "read_resume", "args": ["section": "skills"]]]]],
                ["role": "user", "parts": [["functionResponse": ["name": "read_resume", "response": ["result": "Swift, SQL"]]]]],
            ])
            let declaration = body["tools"]?[0]?["functionDeclarations"]?[0]
            #expect(declaration?["name"] == "read_resume")
            // Gemini refuses `additionalProperties`; it is stripped.
            #expect(declaration?["parameters"]?["additionalProperties"] == nil)
            #expect(declaration?["parameters"]?["required"] == ["section"])
            #expect(body["generationConfig"] == ["temperature": 0.2, "maxOutputTokens": 512])
        }
    }

    @Test func geminiErrorBodyBecomesTypedErrorWithoutTheKey() async throws {
        let echo = GeminiFixtures.errorInvalidKey.replacingOccurrences(of: "API key not valid.", with: "API key AIza-secret-999 not valid.")
        try await FakeHTTPServer.with({ _, _ in .json(400, echo) }) { server in
            let provider = GeminiProvider(baseURL: server.baseURL, apiKey: APIKey("AIza-secret-999"), model: "gemini-2.5-flash")
            let result = await collect(provider.stream(TestRequests.simple))
            let error = try #require(result.error as? ProviderError)
            #expect(error.kind == .http(status: 400, excerpt: "API key <redacted> not valid. Please pass a valid API key."))
            #expect(!String(describing: error).contains("AIza-secret-999"))
        }
    }

    @Test func hungProviderEndsAtTheTotalTimeout() async throws {
        try await FakeHTTPServer.with({ _, _ in .hang }) { server in
            let provider = OpenAICompatibleProvider(
                baseURL: server.baseURL, apiKey: nil, model: "m",
                timeouts: ProviderTimeouts(connect: .seconds(2), total: .milliseconds(800), idle: .seconds(30))
            )
            let started = ContinuousClock.now
            let result = await collect(provider.stream(TestRequests.simple))
            #expect((result.error as? ProviderError)?.kind == .timeout)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func hungProviderEndsPromptlyOnCancellation() async throws {
        try await FakeHTTPServer.with({ _, _ in .hang }) { server in
            let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil, model: "m")
            let consumer = Task { await collect(provider.stream(TestRequests.simple)) }
            // Wait until the request is really in flight, then cancel.
            var arrivals = server.arrivals.makeAsyncIterator()
            _ = await arrivals.next()
            let cancelled = ContinuousClock.now
            consumer.cancel()
            let result = await consumer.value
            #expect(result.error is CancellationError)
            // The request would hang forever: ending at all proves the cancellation reached curl.
            #expect(ContinuousClock.now - cancelled < .seconds(5))
        }
    }
}

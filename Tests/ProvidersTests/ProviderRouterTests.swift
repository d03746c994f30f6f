import Foundation
import Testing
@testable import Providers
import JSONCore
import ProviderCatalog
import HTTPTestSupport

/// Routing, retries, fallback and quirks through the real client and local servers.
@Suite struct ProviderRouterTests {
    private func router(_ providers: [any LLMProvider], attempts: Int = 2, sleeper: RecordingSleeper) -> ProviderRouter {
        ProviderRouter(
            entries: providers.map { ProviderRouter.Entry(provider: $0, maxAttempts: attempts) },
            retry: RetryPolicy(maxAttemptsPerProvider: attempts, baseDelay: .milliseconds(400), maxDelay: .seconds(4)),
            sleeper: sleeper,
            jitter: { 0.5 }
        )
    }

    @Test func fallsBackFromA500ToTheNextProvider() async throws {
        try await FakeHTTPServer.with({ _, _ in .json(500, OpenAIFixtures.errorServer) }) { failing in
            try await FakeHTTPServer.with({ _, _ in .sse(GeminiFixtures.plainText) }) { healthy in
                let sleeper = RecordingSleeper()
                let router = router([
                    OpenAICompatibleProvider(name: "openai", baseURL: failing.baseURL, apiKey: APIKey("sk-a"), model: "gpt-4o-mini"),
                    GeminiProvider(name: "gemini", baseURL: healthy.baseURL, apiKey: APIKey("AIza-b"), model: "gemini-2.5-flash"),
                ], sleeper: sleeper)
                let result = await collect(router.stream(TestRequests.simple))
                #expect(result.error == nil)
                #expect(result.events == [.providerSelected(name: "openai", model: "gpt-4o-mini"), .providerSelected(name: "gemini", model: "gemini-2.5-flash")]
                    + GeminiFixtures.plainTextEvents.events)
                #expect(failing.requests.count == 2)
                #expect(healthy.requests.count == 1)
                // One backoff between the two attempts: 400 ms doubled 0 times, jitter 0.5 → 300 ms.
                #expect(sleeper.recorded == [.milliseconds(300)])
            }
        }
    }

    @Test func honoursRetryAfterOn429() async throws {
        let script: FakeHTTPServer.Script = { _, ordinal in
            ordinal == 1 ? .json(429, OpenAIFixtures.errorRateLimited, headers: ["Retry-After": "1"]) : .sse(OpenAIFixtures.plainText)
        }
        try await FakeHTTPServer.with(script) { server in
            let sleeper = RecordingSleeper()
            let router = router([OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil, model: "gpt-4o-mini")], sleeper: sleeper)
            let result = await collect(router.stream(TestRequests.simple))
            #expect(result.error == nil)
            #expect(result.events == [.providerSelected(name: "openai", model: "gpt-4o-mini")] + OpenAIFixtures.plainTextEvents.events)
            #expect(sleeper.recorded == [.seconds(1)])
            #expect(server.requests.count == 2)
        }
    }

    @Test func hungProviderTimesOutAndFallsBack() async throws {
        try await FakeHTTPServer.with({ _, _ in .hang }) { hung in
            try await FakeHTTPServer.with({ _, _ in .sse(OpenAIFixtures.plainText) }) { healthy in
                let timeouts = ProviderTimeouts(connect: .seconds(2), total: .milliseconds(500), idle: .seconds(30))
                let router = router([
                    OpenAICompatibleProvider(name: "primary", baseURL: hung.baseURL, apiKey: nil, model: "a", timeouts: timeouts),
                    OpenAICompatibleProvider(name: "backup", baseURL: healthy.baseURL, apiKey: nil, model: "b"),
                ], attempts: 1, sleeper: RecordingSleeper())
                let started = ContinuousClock.now
                let result = await collect(router.stream(TestRequests.simple))
                #expect(result.error == nil)
                #expect(result.events.contains(.providerSelected(name: "backup", model: "b")))
                #expect(ContinuousClock.now - started < .seconds(5))
            }
        }
    }

    @Test func retriesWithoutTemperatureAndRemembersIt() async throws {
        let script: FakeHTTPServer.Script = { request, _ in
            request.json?["temperature"] != nil ? .json(400, OpenAIFixtures.errorTemperature) : .sse(OpenAIFixtures.plainText)
        }
        try await FakeHTTPServer.with(script) { server in
            let provider = OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil, model: "o4-mini")
            let router = router([provider], attempts: 1, sleeper: RecordingSleeper())
            let first = await collect(router.stream(TestRequests.simple))
            #expect(first.error == nil)
            #expect(first.events.last == .finish(.stop))
            #expect(server.requests.map { $0.json?["temperature"] != nil } == [true, false])

            // The next turn goes straight to the working shape.
            let second = await collect(router.stream(TestRequests.simple))
            #expect(second.error == nil)
            #expect(server.requests.count == 3)
            #expect(server.requests[2].json?["temperature"] == nil)
        }
    }

    @Test func retriesWithMaxCompletionTokens() async throws {
        let script: FakeHTTPServer.Script = { request, _ in
            request.json?["max_tokens"] != nil ? .json(400, OpenAIFixtures.errorMaxTokens) : .sse(OpenAIFixtures.plainText)
        }
        try await FakeHTTPServer.with(script) { server in
            let router = router([OpenAICompatibleProvider(baseURL: server.baseURL, apiKey: nil, model: "o3-mini")], attempts: 1, sleeper: RecordingSleeper())
            let result = await collect(router.stream(TestRequests.simple))
            #expect(result.error == nil)
            #expect(server.requests.count == 2)
            #expect(server.requests[1].json?["max_completion_tokens"] == 64)
            #expect(server.requests[1].json?["max_tokens"] == nil)
        }
    }

    @Test func flagsPresetTheQuirks() async throws {
        try await FakeHTTPServer.with({ _, _ in .sse(OpenAIFixtures.plainText) }) { server in
            let provider = OpenAICompatibleProvider(
                baseURL: server.baseURL, apiKey: nil, model: "o3",
                flags: ProviderFlags(omitTemperature: true, useMaxCompletionTokens: true, includeStreamUsage: false)
            )
            _ = await collect(provider.stream(TestRequests.simple))
            let body = try #require(server.requests.first?.json)
            #expect(body["temperature"] == nil)
            #expect(body["max_completion_tokens"] == 64)
            #expect(body["stream_options"] == nil)
        }
    }

    @Test func requestErrorsDoNotFallBack() async throws {
        try await FakeHTTPServer.with({ _, _ in .json(401, OpenAIFixtures.errorInvalidKey) }) { failing in
            let backup = ScriptedProvider(name: "backup", [.init(events: [.finish(.stop)])])
            let router = router([OpenAICompatibleProvider(baseURL: failing.baseURL, apiKey: nil, model: "m"), backup], sleeper: RecordingSleeper())
            let result = await collect(router.stream(TestRequests.simple))
            guard case .http(401, _)? = (result.error as? ProviderError)?.kind else {
                Issue.record("expected the 401 to surface, got \(String(describing: result.error))")
                return
            }
            #expect(failing.requests.count == 1)
            #expect(backup.callCount == 0)
        }
    }

    // MARK: - Scripted providers (no HTTP)

    @Test func neverFallsBackAfterOutputWasStreamed() async {
        let serverError = ProviderError(.server(status: 503, excerpt: "overloaded", retryAfter: nil), provider: "primary")
        let primary = ScriptedProvider(name: "primary", [.init(events: [.textDelta("Partial")], error: serverError)])
        let backup = ScriptedProvider(name: "backup", [.init(events: [.textDelta("Other"), .finish(.stop)])])
        let result = await collect(router([primary, backup], sleeper: RecordingSleeper()).stream(TestRequests.simple))
        #expect(result.events == [.providerSelected(name: "primary", model: "m"), .textDelta("Partial")])
        #expect((result.error as? ProviderError) == serverError)
        #expect(backup.callCount == 0)
    }

    @Test func retryAfterBeyondTheBoundFallsBackAtOnce() async {
        let limited = ProviderError(.rateLimited(retryAfter: .seconds(3600)), provider: "primary")
        let primary = ScriptedProvider(name: "primary", [.init(events: [], error: limited)])
        let backup = ScriptedProvider(name: "backup", [.init(events: [.finish(.stop)])])
        let sleeper = RecordingSleeper()
        let result = await collect(router([primary, backup], sleeper: sleeper).stream(TestRequests.simple))
        #expect(result.error == nil)
        #expect(sleeper.recorded.isEmpty)
        #expect(primary.callCount == 1)
        #expect(result.events.last == .finish(.stop))
    }

    @Test func lastProvidersErrorSurfacesWhenAllFail() async {
        let down = ProviderError(.connection("refused"), provider: "only")
        let only = ScriptedProvider(name: "only", [.init(events: [], error: down), .init(events: [], error: down)])
        let sleeper = RecordingSleeper()
        let result = await collect(router([only], sleeper: sleeper).stream(TestRequests.simple))
        #expect((result.error as? ProviderError) == down)
        #expect(only.callCount == 2)
        #expect(sleeper.recorded.count == 1)
    }

    @Test func routerFromPolicyUsesInjectedLocalProvider() async throws {
        let local = ScriptedProvider(name: "local", model: "local-deterministic", [.init(events: [.textDelta("offline"), .finish(.stop)])])
        let policy = try ProviderPolicy.fromEnvironment([:])
        var factories = ProviderFactories.standard()
        factories[.local] = { _ in local }
        let router = try ProviderRouter(policy: policy, factories: factories)
        let result = await collect(router.stream(TestRequests.simple))
        #expect(result.events == [.providerSelected(name: "local", model: "local-deterministic"), .textDelta("offline"), .finish(.stop)])
    }

    @Test func missingLocalFactoryIsAConfigError() throws {
        let policy = try ProviderPolicy.fromEnvironment([:])
        #expect(throws: ProviderConfigError.noFactory(.local)) {
            _ = try ProviderRouter(policy: policy, factories: ProviderFactories.standard())
        }
    }
}

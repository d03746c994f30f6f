#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The real service (supervisor, gateway, workers) driving real runs against local fake
/// OpenAI-compatible and Gemini servers that speak the providers' wire formats: streaming,
/// tool calls through the approval gate, fallback, retries, quirks, budgets and failures.
@Suite("Provider end to end", .serialized, .timeLimit(.minutes(3)))
struct ProviderEndToEndTests {
    static let openAIKey = "sk-test-e2e-openai-4f1c"
    static let geminiKey = "gm-test-e2e-gemini-9d2b"
    /// Every tool the worker offers a model.
    static let workerTools: Set<String> = [
        "list_files", "read_file", "read_resume", "read_job_description", "analyze_gap", "propose_resume_edit",
        "write_file", "render_preview", "export_resume",
    ]

    // MARK: Streaming text

    @Test func openAITextStreamsIntoTheRunAndTheGatewayPricesItsUsage() async throws {
        try await withProviders("pe-oai", providers: "openai") { h in
            let pieces = ["Your résumé", " already covers", " 7 of 9", " requirements."]
            h.openai.enqueue(.openAIText(pieces, usage: (1200, 300)))
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "How well do I match this job?")

            #expect(events.first?.event == "run_started")
            #expect(events.first?.payload["provider"] as? String == "openai")
            #expect(events.first?.payload["model"] as? String == "fake-gpt")
            #expect(events.last?.event == "run_completed")
            #expect(Self.deltas(events) == pieces, "one assistant_delta per streamed chunk, in order")
            // RESUME_AGENT_PRICES fake-gpt=2/8 USD per 1M tokens: 1200 × 2 + 300 × 8 = 4800 µ$.
            let usage = try #require(events.last?.payload["usage"] as? [String: Any])
            #expect(usage["input_tokens"] as? Int == 1200)
            #expect(usage["output_tokens"] as? Int == 300)
            #expect(abs((usage["cost_usd"] as? Double ?? -1) - 0.0048) < 1e-9)
            let updated = try #require(events.first { $0.event == "usage_updated" }?.payload)
            #expect(updated["provider"] as? String == "openai")
            #expect(updated["model"] as? String == "fake-gpt")
            #expect(abs((updated["cost_usd"] as? Double ?? -1) - 0.0048) < 1e-9)

            #expect(h.openai.requests.count == 1)
            let request = try #require(h.openai.requests.first)
            #expect(request.method == "POST")
            #expect(request.target == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer \(Self.openAIKey)")
            #expect(request.headers["accept"] == "text/event-stream")
            let body = request.json
            #expect(body["model"] as? String == "fake-gpt")
            #expect(body["stream"] as? Bool == true)
            #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
            let tools = body["tools"] as? [[String: Any]] ?? []
            #expect(tools.allSatisfy { $0["type"] as? String == "function" })
            let functions = tools.compactMap { $0["function"] as? [String: Any] }
            #expect(Set(functions.compactMap { $0["name"] as? String }) == Self.workerTools)
            let edit = try #require(functions.first { $0["name"] as? String == "propose_resume_edit" }?["parameters"] as? [String: Any])
            #expect(edit["type"] as? String == "object")
            #expect(edit["required"] as? [String] == ["new_text"])
            #expect(Set((edit["properties"] as? [String: Any] ?? [:]).keys).isSuperset(of: ["old_text", "section", "new_text"]))
            let messages = body["messages"] as? [[String: Any]] ?? []
            #expect(messages.first?["role"] as? String == "system")
            #expect(messages.last?["role"] as? String == "user")
            #expect(messages.last?["content"] as? String == "How well do I match this job?")
            h.expectNoSecrets(in: events)
        }
    }

    @Test func geminiTextStreamsWithTheKeyInAHeaderNeverInTheURL() async throws {
        try await withProviders("pe-gem", providers: "gemini") { h in
            let pieces = ["Strong match", " on Go and PostgreSQL;", " Kubernetes is missing."]
            h.gemini.enqueue(.geminiText(pieces, usage: (900, 100)))
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Summarise my fit")

            #expect(events.first?.payload["provider"] as? String == "gemini")
            #expect(events.first?.payload["model"] as? String == "fake-gemini")
            #expect(events.last?.event == "run_completed")
            #expect(Self.deltas(events) == pieces)
            // fake-gemini=1/4: 900 × 1 + 100 × 4 = 1300 µ$.
            let usage = try #require(events.last?.payload["usage"] as? [String: Any])
            #expect(usage["input_tokens"] as? Int == 900)
            #expect(usage["output_tokens"] as? Int == 100)
            #expect(abs((usage["cost_usd"] as? Double ?? -1) - 0.0013) < 1e-9)

            let request = try #require(h.gemini.requests.first)
            #expect(request.target == "/v1beta/models/fake-gemini:streamGenerateContent?alt=sse")
            #expect(!request.target.contains("key="))
            #expect(request.headers["x-goog-api-key"] == Self.geminiKey)
            #expect(request.headers["authorization"] == nil)
            let body = request.json
            let declarations = ((body["tools"] as? [[String: Any]])?.first?["functionDeclarations"] as? [[String: Any]]) ?? []
            #expect(Set(declarations.compactMap { $0["name"] as? String }) == Self.workerTools)
            #expect(body["systemInstruction"] != nil)
            let contents = body["contents"] as? [[String: Any]] ?? []
            #expect(contents.last?["role"] as? String == "user")
            #expect(((contents.last?["parts"] as? [[String: Any]])?.first?["text"] as? String) == "Summarise my fit")
            h.expectNoSecrets(in: events)
        }
    }

    // MARK: Tools through the approval gate

    @Test func aProposedEditWaitsForApprovalIsAppliedAndItsResultGoesBackToTheModel() async throws {
        try await withProviders("pe-tool", providers: "openai") { h in
            let arguments = LLMReply.jsonText([
                "old_text": "Go, Python, PostgreSQL, MySQL", "new_text": "Go, PostgreSQL, MySQL, Python",
                "rationale": "The role centres on PostgreSQL.",
            ])
            // The arguments arrive in fragments that split keys and values mid-token.
            let characters = Array(arguments)
            let fragments = stride(from: 0, to: characters.count, by: 13).map { String(characters[$0..<min(characters.count, $0 + 13)]) }
            let finalText = ["Moved PostgreSQL", " forward in your skills."]
            h.openai.enqueue(
                // The gateway refuses resume.md writes before the gap analysis: the model runs it first.
                .openAIToolCall(id: "call_gap_1", name: "analyze_gap", fragments: ["{", "}"]),
                .openAIToolCall(id: "call_edit_1", name: "propose_resume_edit", fragments: fragments),
                .openAIText(finalText))
            let session = try await h.client.preparedSession()
            let original = try await h.client.get("/api/v1/sessions/\(session)/files/resume.md").text
            let run = try await h.client.message(session, "Tailor my resume to this job")

            var events: [SSEEvent] = []
            for try await event in h.client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
                events.append(event)
                guard event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true else { continue }
                // The run waits for the person: the model is not asked again before the decision.
                #expect(h.openai.requests.count == 2)
                let approval = try #require(event.payload["approval_id"] as? String)
                let decided = try await h.client.post("/api/v1/sessions/\(session)/approvals/\(approval)/approve")
                #expect(decided.status == 200)
            }
            #expect(events.last?.event == "run_completed")

            let gap = try #require(events.first { $0.event == "tool_call_proposed" && $0.payload["tool"] as? String == "analyze_gap" })
            #expect(gap.payload["requires_approval"] as? Bool == false)
            let proposed = try #require(events.first { $0.event == "tool_call_proposed" && $0.payload["tool"] as? String == "propose_resume_edit" })
            #expect(proposed.payload["requires_approval"] as? Bool == true)
            #expect((proposed.payload["approval_id"] as? String)?.hasPrefix("apr_") == true)
            let diff = proposed.payload["diff"] as? String ?? ""
            #expect(diff.contains("-Go, Python, PostgreSQL, MySQL"))
            #expect(diff.contains("+Go, PostgreSQL, MySQL, Python"))
            #expect((proposed.payload["arguments"] as? [String: Any])?["old_text"] as? String == "Go, Python, PostgreSQL, MySQL")
            let callId = try #require(proposed.payload["tool_call_id"] as? String)
            let forCall = events.filter { $0.payload["tool_call_id"] as? String == callId }.map { $0.event ?? "" }
            #expect(forCall == ["tool_call_proposed", "tool_call_approved", "tool_result"])
            #expect(events.first { $0.event == "tool_result" && $0.payload["tool_call_id"] as? String == callId }?.payload["ok"] as? Bool == true)
            #expect(Self.deltas(events).joined() == finalText.joined())

            let rewritten = try await h.client.get("/api/v1/sessions/\(session)/files/resume.md").text
            #expect(rewritten != original)
            #expect(rewritten.contains("Go, PostgreSQL, MySQL, Python"))
            #expect(try await h.client.get("/api/v1/sessions/\(session)").json["state"] as? String == "rewrite_applied")

            // What went back to the model: each call in the assistant turn, then its result.
            #expect(h.openai.requests.count == 3)
            let second = h.openai.requests[1].json["messages"] as? [[String: Any]] ?? []
            #expect(second.contains { $0["role"] as? String == "tool" && $0["tool_call_id"] as? String == "call_gap_1" })
            let third = h.openai.requests[2].json["messages"] as? [[String: Any]] ?? []
            let assistant = try #require(third.last { $0["role"] as? String == "assistant" })
            let call = try #require((assistant["tool_calls"] as? [[String: Any]])?.first)
            #expect(call["id"] as? String == "call_edit_1")
            #expect((call["function"] as? [String: Any])?["arguments"] as? String == arguments)
            let result = try #require(third.last)
            #expect(result["role"] as? String == "tool")
            #expect(result["tool_call_id"] as? String == "call_edit_1")
            #expect((result["content"] as? String)?.contains("Applied the edit") == true)
            h.expectNoSecrets(in: events)
        }
    }

    // MARK: Routing: fallback, retry, quirks

    @Test func aServerErrorFallsBackToTheNextProvider() async throws {
        try await withProviders("pe-fall", providers: "openai,gemini") { h in
            // More 500s than the policy's attempts: whatever it retries, openai keeps failing.
            for _ in 0..<5 { h.openai.enqueue(.jsonError(500, Self.openAIServerError)) }
            let pieces = ["Answer from", " the fallback."]
            h.gemini.enqueue(.geminiText(pieces, usage: (50, 5)))
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Hello")

            #expect(events.last?.event == "run_completed")
            #expect(Self.deltas(events) == pieces)
            #expect(h.openai.requests.count >= 1)
            #expect(h.gemini.requests.count == 1)
            let updated = try #require(events.first { $0.event == "usage_updated" }?.payload)
            #expect(updated["provider"] as? String == "gemini")
            #expect(updated["model"] as? String == "fake-gemini")
            // Each failed attempt is one log line naming the provider and the error, not the body.
            let attempts = h.service.log.filter { $0.contains("provider attempt failed") }
            #expect(attempts.count == h.openai.requests.count)
            #expect(attempts.allSatisfy { $0.contains("provider=openai") && $0.contains("error.code=server_error") })
            h.expectNoSecrets(in: events)
        }
    }

    @Test func a429WithRetryAfterIsWaitedOutAndRetried() async throws {
        try await withProviders("pe-429", providers: "openai") { h in
            h.openai.enqueue(
                .jsonError(429, Self.openAIRateLimited, headers: ["Retry-After": "1"]),
                .openAIText(["After the pause."]))
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Hello")

            #expect(events.last?.event == "run_completed")
            #expect(Self.deltas(events) == ["After the pause."])
            let requests = h.openai.requests
            #expect(requests.count == 2)
            if requests.count == 2 {
                let pause = requests[1].at - requests[0].at
                #expect(pause >= .milliseconds(990), "Retry-After: 1 is honoured (waited \(pause))")
                #expect(pause < .seconds(5))
            }
            h.expectNoSecrets(in: events)
        }
    }

    @Test func aModelThatRejectsTemperatureIsAskedAgainWithoutIt() async throws {
        try await withProviders("pe-temp", providers: "openai") { h in
            // OpenAI's reasoning models answer any non-default temperature with this 400.
            let rule: FakeLLMServer.Rule = { request in
                request.json["temperature"] != nil ? .jsonError(400, Self.openAITemperatureError) : .openAIText(["Without temperature."])
            }
            h.openai.enqueue(rule)
            h.openai.enqueue(rule)
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Hello")

            #expect(events.last?.event == "run_completed")
            #expect(Self.deltas(events) == ["Without temperature."])
            let requests = h.openai.requests
            #expect(requests.map { $0.json["temperature"] != nil } == [true, false])
            #expect(requests.first?.json["temperature"] as? Double == 0.2)
            h.expectNoSecrets(in: events)
        }
    }

    // MARK: Budgets and failures

    @Test func aHungProviderIsEndedByTheGatewaysHardTimeout() async throws {
        try await withProviders("pe-hang", providers: "openai", environment: ["RESUME_AGENT_RUN_TIMEOUT_S": "2"]) { h in
            h.openai.enqueue(LLMReply(hang: true))
            let session = try await h.client.preparedSession()
            let started = ContinuousClock.now
            let events = try await h.run(session, "Hello")
            let elapsed = ContinuousClock.now - started

            #expect(events.last?.event == "run_interrupted")
            #expect(events.last?.payload["reason"] as? String == "timeout")
            #expect(h.openai.requests.count == 1)
            // The provider's own limits (idle 90 s, total 300 s) never came into it.
            #expect(elapsed < .seconds(10), "ended after \(elapsed)")
            // The stuck worker is gone: the session takes the next message.
            h.openai.enqueue(.openAIText(["Back again."]))
            let next = try await h.run(session, "Again")
            #expect(next.last?.event == "run_completed")
            h.expectNoSecrets(in: events + next)
        }
    }

    @Test func crossingTheCostCapMidRunInterruptsItAndRefusesTheNextMessage() async throws {
        let environment = ["RESUME_AGENT_COST_CAP_USD": "0.01", "RESUME_AGENT_PRICES": "fake-gpt=1000/1000"]
        try await withProviders("pe-cost", providers: "openai", environment: environment) { h in
            // 10 + 10 tokens at $1000 per 1M = $0.02 for the first turn, which asks for a tool.
            h.openai.enqueue(
                .openAIToolCall(id: "call_1", name: "list_files", fragments: ["{}"], usage: (10, 10)),
                .openAIText(["never reached"]))
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Go")

            #expect(events.last?.event == "run_interrupted")
            #expect(events.last?.payload["reason"] as? String == "cost_cap")
            let updated = try #require(events.first { $0.event == "usage_updated" }?.payload)
            #expect(abs((updated["cost_usd"] as? Double ?? -1) - 0.02) < 1e-9)
            // The run stopped before paying for another turn.
            #expect(h.openai.requests.count == 1)
            let next = try await h.client.post("/api/v1/sessions/\(session)/messages", ["content": "again"])
            #expect(next.status == 402)
            #expect(next.errorCode == "cost_cap_reached")
            h.expectNoSecrets(in: events)
        }
    }

    @Test func aMalformedChunkFailsTheRunWithAReadableProviderError() async throws {
        try await withProviders("pe-bad", providers: "openai") { h in
            var reply = LLMReply.openAIText(["Looking at", " your resume"])
            // The third event is cut off mid-string: not JSON.
            reply.chunks[2] = #"data: {"id":"chatcmpl-fake","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" your res"# + "\n\n"
            h.openai.enqueue(reply)
            let session = try await h.client.preparedSession()
            let events = try await h.run(session, "Hello")

            #expect(events.last?.event == "run_failed")
            #expect(events.last?.payload["reason"] as? String == "provider_error")
            let message = (events.last?.payload["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.hasPrefix("openai: malformed response stream"), "message: \(message)")
            #expect(message.contains("not valid JSON"))
            #expect(h.openai.requests.count == 1, "a malformed stream is not retried")
            // The session is not stuck.
            h.openai.enqueue(.openAIText(["Fine now."]))
            #expect(try await h.run(session, "Again").last?.event == "run_completed")
            h.expectNoSecrets(in: events)
        }
    }

    @Test func apiKeysNeverReachLogsEventsOrResponses() async throws {
        try await withProviders("pe-keys", providers: "openai,gemini") { h in
            // Providers that echo the key in their error bodies, as key errors do.
            for _ in 0..<5 {
                h.openai.enqueue(.jsonError(500, #"{"error":{"message":"upstream failure for key \#(Self.openAIKey)","type":"server_error"}}"#))
            }
            h.gemini.enqueue(.jsonError(400, #"{"error":{"code":400,"message":"API key not valid: \#(Self.geminiKey). Please pass a valid API key.","status":"INVALID_ARGUMENT"}}"#))
            let session = try await h.client.preparedSession()
            let failed = try await h.run(session, "Hello")
            #expect(failed.last?.event == "run_failed")
            let message = (failed.last?.payload["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("<redacted>"), "message: \(message)")

            h.openai.removeQueuedReplies()
            h.openai.enqueue(.openAIText(["All good."]))
            let completed = try await h.run(session, "Again")
            #expect(completed.last?.event == "run_completed")

            #expect(h.openai.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.openAIKey)" })
            #expect(h.gemini.requests.allSatisfy { $0.headers["x-goog-api-key"] == Self.geminiKey })
            h.expectNoSecrets(in: failed + completed)
            for path in ["/api/v1/sessions/\(session)", "/api/v1/sessions/\(session)/runs", "/api/v1/sessions/\(session)/history"] {
                let text = try await h.client.get(path).text
                #expect(!text.contains(Self.openAIKey) && !text.contains(Self.geminiKey), "\(path)")
            }
        }
    }

    // MARK: Harness

    static let openAIServerError = #"{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"#
    static let openAIRateLimited = #"{"error":{"message":"Rate limit reached for fake-gpt in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#
    static let openAITemperatureError = """
        {
          "error": {
            "message": "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
            "type": "invalid_request_error",
            "param": "temperature",
            "code": "unsupported_value"
          }
        }
        """

    static func deltas(_ events: [SSEEvent]) -> [String] {
        events.filter { $0.event == "assistant_delta" }.compactMap { $0.payload["text"] as? String }
    }

    /// Both fakes, and the real service configured to call them (`providers` is the order).
    func withProviders(
        _ label: String, providers: String, environment extra: [String: String] = [:],
        _ body: @Sendable (ProviderHarness) async throws -> Void
    ) async throws {
        try await FakeLLMServer.with { openai in
            try await FakeLLMServer.with { gemini in
                var environment = [
                    "RESUME_AGENT_PROVIDERS": providers,
                    "OPENAI_BASE_URL": openai.baseURL + "/v1", "OPENAI_API_KEY": Self.openAIKey, "OPENAI_MODEL": "fake-gpt",
                    "GEMINI_BASE_URL": gemini.baseURL, "GEMINI_API_KEY": Self.geminiKey, "GEMINI_MODEL": "fake-gemini",
                    "RESUME_AGENT_PRICES": "fake-gpt=2/8,fake-gemini=1/4",
                ]
                environment.merge(extra) { _, new in new }
                let service = try ServiceProcess(label: label, environment: environment)
                defer { service.terminate() }
                let client = try await service.client()
                try await body(ProviderHarness(service: service, client: client, openai: openai, gemini: gemini))
            }
        }
    }
}

/// One test's service, its API client and the two fake providers.
struct ProviderHarness: Sendable {
    let service: ServiceProcess
    let client: TestHTTPClient
    let openai: FakeLLMServer
    let gemini: FakeLLMServer

    /// Posts a message and reads the run's whole stream.
    func run(_ session: String, _ content: String) async throws -> [SSEEvent] {
        try await client.collect(session, try await client.message(session, content))
    }

    /// Neither key appears in any log line of the service (debug level) or in `events`.
    func expectNoSecrets(in events: [SSEEvent], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in [ProviderEndToEndTests.openAIKey, ProviderEndToEndTests.geminiKey] {
            let leaked = service.log.filter { $0.contains(secret) }
            #expect(leaked.isEmpty, "key in log: \(leaked.first ?? "")", sourceLocation: sourceLocation)
            #expect(!events.contains { $0.data.contains(secret) }, "key in an event", sourceLocation: sourceLocation)
        }
    }
}

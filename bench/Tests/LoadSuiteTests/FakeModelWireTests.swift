import Foundation
import Providers
import Testing
@testable import resume_agent_fakemodel

/// The fake model speaks OpenAI's wire format well enough for the server's own decoder: its
/// replies go through `Providers`' SSE parser and OpenAI normalizer, chunk by chunk.
@Suite("Fake model wire format")
struct FakeModelWireTests {
    static func request(_ userText: String, toolRound: Bool = false, maxTokens: Int? = nil) -> [UInt8] {
        var messages: [[String: Any]] = [["role": "system", "content": "You help with resumes."], ["role": "user", "content": userText]]
        if toolRound {
            messages.append([
                "role": "assistant", "content": NSNull(),
                "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "write_file", "arguments": "{}"]]],
            ])
            messages.append(["role": "tool", "tool_call_id": "call_1", "content": "Wrote notes/a.md (5 bytes)."])
        }
        var body: [String: Any] = ["model": "gpt-4o-mini", "messages": messages, "stream": true, "stream_options": ["include_usage": true]]
        if let maxTokens { body["max_tokens"] = maxTokens }
        return [UInt8](try! JSONSerialization.data(withJSONObject: body))
    }

    /// Decodes the plan's chunks as the worker would, one network read per chunk.
    static func decode(_ plan: ReplyPlan) throws -> [ProviderEvent] {
        var decoder = ProviderStreamDecoder(OpenAIStreamNormalizer(provider: "openai"), provider: "openai")
        var events: [ProviderEvent] = []
        for chunk in plan.chunks(id: "chatcmpl-test") { try decoder.feed(Array(chunk.utf8), into: &events) }
        try decoder.finish(into: &events)
        return events
    }

    static let defaults = ModelDirective(ttftMs: 0, tokensPerSecond: 0, tokens: 3)

    @Test func textAnswerDecodesToDeltasUsageAndStop() throws {
        let directive = ModelDirective(tokens: 5)
        let plan = try ReplyPlan.make(requestBody: Self.request("Hello\n" + directive.line), defaults: Self.defaults, sequence: 1)
        let events = try Self.decode(plan)
        let deltas = events.compactMap { if case .textDelta(let text) = $0 { text } else { nil } }
        #expect(deltas == (0..<5).map(OpenAIChunks.token))
        #expect(events.contains { if case .usage(_, let output) = $0 { output == 5 } else { false } })
        #expect(events.last == .finish(.stop))
    }

    @Test func messagesWithoutADirectiveGetTheDefaults() throws {
        let plan = try ReplyPlan.make(requestBody: Self.request("Hello"), defaults: Self.defaults, sequence: 1)
        let deltas = try Self.decode(plan).filter { if case .textDelta = $0 { true } else { false } }
        #expect(deltas.count == 3)
    }

    @Test func scriptedToolCallComesFirstThenTextAfterTheToolRound() throws {
        var directive = ModelDirective(tokens: 4)
        directive.calls = [.init(name: "write_file", arguments: ["path": "notes/a.md", "content": "line \"quoted\"\nnext"])]
        directive.tokensAfterCalls = 2
        let text = "Save it\n" + directive.line

        let first = try Self.decode(try ReplyPlan.make(requestBody: Self.request(text), defaults: Self.defaults, sequence: 7))
        #expect(first.contains(.toolCallStart(index: 0, id: "call_fake7", name: "write_file")))
        let arguments = first.compactMap { if case .toolCallArgumentsDelta(_, let fragment) = $0 { fragment } else { nil } }.joined()
        let decoded = try JSONSerialization.jsonObject(with: Data(arguments.utf8)) as? [String: String]
        #expect(decoded == ["path": "notes/a.md", "content": "line \"quoted\"\nnext"])
        #expect(first.last == .finish(.toolCalls))

        let second = try Self.decode(try ReplyPlan.make(requestBody: Self.request(text, toolRound: true), defaults: Self.defaults, sequence: 8))
        #expect(second.filter { if case .textDelta = $0 { true } else { false } }.count == 2)
        #expect(second.last == .finish(.stop))
    }

    @Test func maxTokensCutsTheAnswerWithFinishLength() throws {
        let plan = try ReplyPlan.make(requestBody: Self.request("Hi\n" + ModelDirective(tokens: 50).line, maxTokens: 7), defaults: Self.defaults, sequence: 1)
        let events = try Self.decode(plan)
        #expect(events.filter { if case .textDelta = $0 { true } else { false } }.count == 7)
        #expect(events.last == .finish(.length))
    }

    @Test func hangingAnswerNeverFinishes() throws {
        var directive = ModelDirective(tokens: 1)
        directive.hang = true
        let plan = try ReplyPlan.make(requestBody: Self.request("Hi\n" + directive.line), defaults: Self.defaults, sequence: 1)
        #expect(plan.hang)
        #expect(!plan.chunks(id: "x").contains(OpenAIChunks.done))
        #expect(throws: ProviderError.self) { try Self.decode(plan) }
    }

    @Test func aRequestThatIsNotChatIsRefused() {
        #expect(throws: ReplyPlan.PlanError.self) { try ReplyPlan.make(requestBody: Array("nope".utf8), defaults: Self.defaults, sequence: 1) }
        let empty = [UInt8](try! JSONSerialization.data(withJSONObject: ["messages": []]))
        #expect(throws: ReplyPlan.PlanError.self) { try ReplyPlan.make(requestBody: empty, defaults: Self.defaults, sequence: 1) }
    }

    @Test func directiveRoundTripsThroughAMessage() {
        var directive = ModelDirective(ttftMs: 120, tokensPerSecond: 40, tokens: 9)
        directive.calls = [.init(name: "analyze_gap")]
        #expect(ModelDirective.find(in: "Analyse this.\n" + directive.line + "\n") == directive)
        #expect(ModelDirective.find(in: "no directive here") == nil)
    }
}

import Foundation
import IPC
import ProviderCatalog
import Providers
import Testing
import TestScratch
@testable import RunWorker

@Suite struct ScriptedAgentTests {
    static let resume = "# Alex Chen\n\n## Skills\n\nGo, Python\n"

    private func run(_ turns: JSONValue, channel: FakeRunChannel, message: String = "go") async throws -> RunEnd {
        let environment = try Runs.scriptEnvironment(turns)
        return try await Runs.executor(environment: environment).execute(
            try Runs.start(Runs.agentInput(message, state: "gap_analyzed", provider: "scripted")), channel: channel)
    }

    @Test func followsTheScriptExactly() async throws {
        let channel = FakeRunChannel(files: ["resume.md": Self.resume])
        let end = try await run([
            ["text": "Let me look at your resume.", "tool_calls": [["name": "read_resume", "arguments": [:]]],
             "usage": ["input_tokens": 120, "output_tokens": 14]],
            ["text": "It lists Go and Python.", "usage": ["input_tokens": 180, "output_tokens": 9]],
            ["text": "never reached"],
        ], channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.text == "Let me look at your resume.It lists Go and Python.")
        #expect(await channel.usages == [
            .init(provider: "scripted", model: "scripted", input: 120, output: 14),
            .init(provider: "scripted", model: "scripted", input: 180, output: 9),
        ])
        let proposals = await channel.proposals
        #expect(proposals.map(\.tool) == ["read_resume"])
        #expect(proposals.first?.toolCallId.hasPrefix("tc_") == true)
        #expect(await channel.results.map(\.ok) == [true])
        #expect(await channel.eventKinds.allSatisfy { $0 == "assistant_delta" })
    }

    static let invalidCalls: [(name: String, arguments: JSONValue, expected: String)] = [
        ("teleport", [:], "unknown tool \"teleport\""),
        ("read_file", "{not json", "not valid JSON"),
        ("read_file", [:], "missing required field \"path\""),
        ("read_file", ["path": 3], "arguments.path: expected string"),
        ("read_resume", ["verbose": true], "unknown field \"verbose\""),
        ("export_resume", ["format": "rtf"], "must be one of"),
        ("propose_resume_edit", ["new_text": "x"], "give old_text"),
        ("propose_resume_edit", ["old_text": "Rust", "new_text": "Go"], "not found"),
        ("write_file", ["path": "../etc/passwd", "content": "x"], "relative to the workspace"),
        ("read_file", ["path": "nope.md"], "does not exist"),
    ]

    @Test(arguments: invalidCalls)
    func invalidArgumentsBecomeAToolErrorTheModelReads(_ call: (name: String, arguments: JSONValue, expected: String)) async throws {
        let channel = FakeRunChannel(files: ["resume.md": Self.resume])
        let model = try RecordingProvider(turns: [
            ["tool_calls": [["name": .string(call.name), "arguments": call.arguments]]],
            ["text": "ok"],
        ])
        let outcome = try await AgentLoop(
            runId: "run_test", channel: channel, provider: model, tools: .standard, now: Fixtures.now, maxTurns: 10
        ).run(system: "s", messages: [.user("go")])
        guard case .finished(let summary) = outcome else { Issue.record("the run suspended"); return }
        #expect(summary.turns == 2)
        let proposal = try #require(await channel.proposals.first)
        #expect(proposal.tool == call.name)
        #expect(!proposal.requiresApproval)
        let result = try #require(await channel.results.first)
        #expect(!result.ok)
        #expect(result.summary.contains(call.expected), "\(result.summary)")
        let fed = try #require(model.toolMessages.first)
        #expect(fed.status == .error)
        #expect(fed.content.contains(call.expected))
        #expect(await channel.writes.isEmpty)
        #expect(await channel.violations.isEmpty)
    }

    @Test func rejectedWritesNeverRunAndTheModelReadsTheReason() async throws {
        let channel = FakeRunChannel(files: ["resume.md": Self.resume], decisions: [.reject("not true")])
        let model = try RecordingProvider(turns: [
            ["tool_calls": [["name": "propose_resume_edit", "arguments": ["old_text": "Go, Python", "new_text": "Go, Python, Kubernetes"]]]],
            ["text": "understood"],
        ])
        _ = try await AgentLoop(runId: "run_test", channel: channel, provider: model, tools: .standard, now: Fixtures.now, maxTurns: 10)
            .run(system: "s", messages: [.user("go")])
        let proposal = try #require(await channel.proposals.first)
        #expect(proposal.requiresApproval)
        // The unsupported skill is flagged in the proposal.
        #expect(proposal.truthFlags.contains { $0["claim"]?.stringValue == "Kubernetes" })
        #expect(proposal.diff?.contains("+Go, Python, Kubernetes") == true)
        #expect(await channel.results.isEmpty)
        #expect(await channel.writes.isEmpty)
        #expect(await channel.file("resume.md") == Self.resume)
        #expect(model.toolMessages == [
            Providers.ToolResult(callID: "call_1_1", name: "propose_resume_edit", content: "rejected by the user: not true", status: .rejected),
        ])
    }

    @Test func sectionEditsReplaceTheSectionBody() async throws {
        let channel = FakeRunChannel(files: ["resume.md": Self.resume])
        let end = try await run([
            ["tool_calls": [["name": "propose_resume_edit", "arguments": ["section": "skills", "new_text": "Python, Go"]]]],
        ], channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.file("resume.md") == "# Alex Chen\n\n## Skills\n\nPython, Go\n")
        #expect(await channel.file("preview/resume.html")?.contains("Python, Go") == true)
        #expect(await channel.results.map(\.ok) == [true])
    }

    @Test func cancellationWhileTheModelHangsEndsPromptly() async throws {
        let channel = FakeRunChannel()
        let environment = try Runs.scriptEnvironment([["text": "thinking…", "hang": true]])
        let executor = Runs.executor(environment: environment)
        let run = Task { try await executor.execute(try Runs.start(Runs.agentInput("go", provider: "scripted")), channel: channel) }
        #expect(await waitFor("assistant_delta", in: channel.eventStream))
        let cancelled = ContinuousClock.now
        run.cancel()
        let end = try await run.value
        #expect(end.outcome == .cancelled)
        // The model never answers: ending at all proves the cancellation reached the hung
        // stream. The bound only tells that apart from waiting out a timeout (it is not a speed
        // test: 500 ms failed on a loaded machine with a correct cancellation).
        #expect(ContinuousClock.now - cancelled < .seconds(10))
    }

    @Test func cancellationWhileWaitingForApprovalEndsPromptly() async throws {
        let channel = FakeRunChannel(files: ["resume.md": Self.resume], decisions: [.hold])
        let environment = try Runs.scriptEnvironment([
            ["tool_calls": [["name": "write_file", "arguments": ["path": "notes.md", "content": "hi"]]]],
        ])
        let executor = Runs.executor(environment: environment)
        let run = Task { try await executor.execute(try Runs.start(Runs.agentInput("go", provider: "scripted")), channel: channel) }
        #expect(await waitFor("approval_pending", in: channel.eventStream))
        run.cancel()
        let end = try await run.value
        #expect(end.outcome == .cancelled)
        #expect(await channel.writes.isEmpty)
        #expect(await channel.results.isEmpty)
    }

    @Test func scriptedWithoutAScriptIsAProviderError() async throws {
        let end = try await Runs.executor(environment: ["RESUME_AGENT_PROVIDERS": "scripted"])
            .execute(try Runs.start(Runs.agentInput("go", provider: "scripted")), channel: FakeRunChannel())
        #expect(end.outcome == .failed)
        #expect(end.failure?.kind == .providerError)
        #expect(end.failure?.code == "provider_config")
        #expect(end.failure?.message.contains("RESUME_AGENT_SCRIPT") == true)
    }

    @Test func aProviderTheOperatorDidNotListIsUnavailable() async throws {
        let environment = try Runs.scriptEnvironment([["text": "from the script"]]).merging(["RESUME_AGENT_PROVIDERS": "local"]) { _, new in new }
        let end = try await Runs.executor(environment: environment)
            .execute(try Runs.start(Runs.agentInput("go", provider: "scripted")), channel: FakeRunChannel())
        #expect(end.failure?.code == "provider_unavailable")
    }

    @Test func anUnpricedModelIsRefusedNotCountedAsFree() async throws {
        let environment = ["RESUME_AGENT_PROVIDERS": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_MODEL": "house-model"]
        let end = try await Runs.executor(environment: environment)
            .execute(try Runs.start(Runs.agentInput("go", provider: "openai")), channel: FakeRunChannel())
        #expect(end.failure?.kind == .providerError)
        #expect(end.failure?.code == "provider_config")
        #expect(end.failure?.message.contains("no price for model 'house-model'") == true)
    }

    @Test func usageNamesTheProviderThatAnsweredAfterAFallback() async throws {
        // The first provider cannot be reached (nothing listens on port 1): the router falls back
        // to the script, once, without a backoff (one attempt each).
        let policy: JSONValue = ["providers": [
            ["name": "openai", "kind": "openai", "base_url": "http://127.0.0.1:1/v1", "model": "gpt-4o-mini", "max_attempts": 1],
            ["name": "scripted", "kind": "scripted"],
        ]]
        let path = Scratch.file("policy", named: "policy.json")
        try policy.jsonText.write(toFile: path, atomically: true, encoding: .utf8)
        var environment = try Runs.scriptEnvironment([["text": "from the script", "usage": ["input_tokens": 7, "output_tokens": 3]]])
        environment["RESUME_AGENT_PROVIDER_CONFIG"] = path
        let channel = FakeRunChannel()
        let end = try await Runs.executor(environment: environment).execute(try Runs.start(Runs.agentInput("go", provider: "openai")), channel: channel)
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")
        #expect(await channel.text == "from the script")
        #expect(await channel.usages == [.init(provider: "scripted", model: "scripted", input: 7, output: 3)])
    }

    @Test func anUnknownProviderIsAProviderError() async throws {
        let end = try await Runs.executor().execute(try Runs.start(Runs.agentInput("go", provider: "carrier-pigeon")), channel: FakeRunChannel())
        #expect(end.failure?.kind == .providerError)
        #expect(end.failure?.code == "provider_unavailable")
    }

    @Test func providerFallsBackToTheEnvironmentsList() async throws {
        let script = try Runs.scriptEnvironment([["text": "from the script"]])
        var environment = script
        environment["RESUME_AGENT_PROVIDERS"] = "scripted, local"
        var input = Runs.agentInput("go")
        if case .object(var members) = input { members["provider"] = nil; input = .object(members) }
        let channel = FakeRunChannel()
        _ = try await Runs.executor(environment: environment).execute(try Runs.start(input), channel: channel)
        #expect(await channel.text == "from the script")
    }

    @Test func missingMessageNeverReachesTheWorker() {
        #expect(throws: (any Error).self) { try Runs.start(["kind": "agent"]) }
    }
}

/// A ``ScriptedProvider`` that also keeps every request, so tests can read what the model was fed.
final class RecordingProvider: LLMProvider, @unchecked Sendable {
    let name = "scripted"
    let model = "recording"
    private let inner: ScriptedProvider
    private let lock = NSLock()
    private var requests: [ChatRequest] = []

    init(turns: JSONValue) throws {
        inner = try ScriptedProvider(json: Array(turns.jsonText.utf8))
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        lock.withLock { requests.append(request) }
        return inner.stream(request)
    }

    var toolMessages: [Providers.ToolResult] {
        lock.withLock {
            (requests.last?.messages ?? []).compactMap { if case .toolResult(let result) = $0 { result } else { nil } }
        }
    }
}

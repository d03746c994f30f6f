import Foundation
import IPC
import Testing
@testable import RunWorker

/// Agent-loop overhead per step, excluding the model: a scripted model (no delay) calls a
/// read-only tool every turn against the in-memory channel; the time between consecutive
/// proposals is one full step (model turn, validation, propose, execute, report). Prints p50/p95
/// for the reader; the figure is not asserted (a timing bound flakes on a loaded machine —
/// performance is measured in bench/, release build). What is asserted: every step ran.
@Suite struct AgentLoopOverheadTests {
    @Test func stepOverheadIsSmall() async throws {
        let steps = 200
        let turns = JSONValue.array((0..<steps).map { _ in
            ["text": "Reading the resume again.", "tool_calls": [["name": "read_resume", "arguments": [:]]],
             "usage": ["input_tokens": 10, "output_tokens": 5]]
        })
        let model = try ScriptedProvider(json: Array(turns.jsonText.utf8))
        let channel = FakeRunChannel(files: ["resume.md": try Fixtures.text("resumes/alex-chen.md")])
        _ = try await AgentLoop(runId: "run_test", channel: channel, provider: model, tools: .standard, now: Fixtures.now, maxTurns: steps + 2)
            .run(system: SystemPrompt.text(state: nil), messages: [.user("go")])
        let times = await channel.proposalTimes
        let samples = zip(times.dropFirst(), times).map { later, earlier in later - earlier }.sorted()
        let p50 = samples[samples.count / 2], p95 = samples[samples.count * 95 / 100]
        print("agent loop step overhead over \(samples.count) steps: p50 \(p50), p95 \(p95)")
        #expect(times.count == steps)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Budgets enforced by the gateway from outside the worker.
@Suite("Run budgets", .serialized, .timeLimit(.minutes(2)))
struct RunBudgetTests {
    static let environment = [
        "RESUME_AGENT_RUN_TIMEOUT_S": "2", "RESUME_AGENT_MAX_STEPS": "4", "RESUME_AGENT_COST_CAP_USD": "0.01",
        "RESUME_AGENT_PRICES": "scripted=1000/1000",
    ]

    func terminal(_ events: [SSEEvent]) -> (String?, String?) {
        (events.last?.event, events.last?.payload["reason"] as? String)
    }

    @Test func interruptEndsAStuckWorkerWithinTwoSeconds() async throws {
        let scripted = try ScriptedService(label: "stuck", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "working on it", "ignore_cancel": true]])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        var events: [SSEEvent] = []
        var interruptedAt: ContinuousClock.Instant?
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            events.append(event)
            if event.event == "assistant_delta", interruptedAt == nil {
                interruptedAt = .now
                let response = try await client.post("/api/v1/sessions/\(session)/runs/\(run)/interrupt")
                #expect(response.status == 202)
            }
        }
        let elapsed = ContinuousClock.now - (interruptedAt ?? .now)
        #expect(elapsed < .seconds(2))
        #expect(terminal(events) == ("run_interrupted", "user"))
        // The stuck worker was killed, and the session takes the next message.
        try await eventually("stuck worker killed", timeout: .seconds(3)) {
            scripted.service.log.contains { $0.contains("killing worker") }
        }
        try scripted.script([["text": "fresh"]])
        let next = try await client.collect(session, try await client.message(session, "again"))
        #expect(next.last?.event == "run_completed")
    }

    @Test func hardTimeoutEndsAHangingRun() async throws {
        let scripted = try ScriptedService(label: "timeout", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "thinking", "hang": true]])
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        #expect(terminal(events) == ("run_interrupted", "timeout"))
    }

    @Test func stepLimitStopsARunawayToolLoop() async throws {
        let scripted = try ScriptedService(label: "steps", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script((1...8).map { ["tool_calls": [["name": "read_file", "arguments": ["path": "file\($0).md"]]]] })
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        #expect(terminal(events) == ("run_interrupted", "step_limit"))
        #expect(events.filter { $0.event == "tool_call_proposed" }.count == 4)
    }

    @Test func repeatedIdenticalCallsStopTheRun() async throws {
        let scripted = try ScriptedService(label: "repeat", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script(Array(repeating: ["tool_calls": [["name": "read_file", "arguments": ["path": "resume.md"]]]], count: 5))
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        #expect(terminal(events) == ("run_interrupted", "repeated_call"))
    }

    @Test func costCapStopsTheRunAndRefusesTheNextMessageWith402() async throws {
        let scripted = try ScriptedService(label: "cost", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        // 10 + 10 tokens at $1000 per 1M = $0.02 per turn; the cap is $0.01.
        try scripted.script([
            ["text": "expensive thoughts", "usage": ["input_tokens": 10, "output_tokens": 10], "tool_calls": [["name": "list_files", "arguments": [:]]]],
            ["text": "more", "usage": ["input_tokens": 10, "output_tokens": 10]],
        ])
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        #expect(terminal(events) == ("run_interrupted", "cost_cap"))
        #expect(events.contains { $0.event == "usage_updated" })
        let next = try await client.post("/api/v1/sessions/\(session)/messages", ["content": "again"])
        #expect(next.status == 402)
        #expect(next.errorCode == "cost_cap_reached")
        let usage = try await client.get("/api/v1/sessions/\(session)").json["usage"] as? [String: Any]
        #expect((usage?["cost_usd"] as? Double ?? 0) >= 0.01)
    }

    @Test func oneActiveRunPerSession() async throws {
        let scripted = try ScriptedService(label: "busy", environment: Self.environment)
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "slow", "delay_ms": 1000]])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        let second = try await client.post("/api/v1/sessions/\(session)/messages", ["content": "and this"])
        #expect(second.status == 409)
        #expect(second.errorCode == "run_in_progress")
        _ = try await client.collect(session, run)
    }

    @Test func aRunInterruptedWhileQueuedNeverTakesAWorker() async throws {
        // One worker: the second run queues behind a first run that waits for an approval.
        let scripted = try ScriptedService(label: "queued", environment: Self.environment, arguments: ["--workers", "1", "--max-workers", "1"])
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "holding the only worker", "tool_calls": [["name": "write_file", "arguments": ["path": "notes/a.md", "content": "x"]]]]])
        let first = try await client.preparedSession()
        let second = try await client.preparedSession()
        let holding = try await client.message(first, "go")
        var approval = ""
        for try await event in client.events("/api/v1/sessions/\(first)/runs/\(holding)/stream") where !event.isComment {
            if event.event == "tool_call_proposed" {
                approval = event.payload["approval_id"] as? String ?? ""
                break
            }
        }
        #expect(!approval.isEmpty)
        let queued = try await client.message(second, "go")
        let interrupted = try await client.post("/api/v1/sessions/\(second)/runs/\(queued)/interrupt")
        #expect(interrupted.status == 202)
        let queuedEvents = try await client.collect(second, queued)
        #expect(queuedEvents.last?.event == "run_interrupted")
        // Free the worker: the ended run left the queue when it ended, so it never takes it.
        _ = try await client.post("/api/v1/sessions/\(first)/approvals/\(approval)/reject")
        _ = try await client.collect(first, holding)
        try scripted.script([["text": "fresh"]])
        let again = try await client.message(second, "again")
        let runPath = "/api/v1/sessions/\(second)/runs/\(again)"
        try await eventually("the next run to complete", timeout: .seconds(10)) {
            let response: TestHTTPClient.Response? = try? await client.get(runPath)
            let status: String? = response?.json["status"] as? String
            return status == "completed"
        }
        // No worker ever started the interrupted run.
        let startedLine = "run.id=\(queued)"
        #expect(!scripted.service.log.contains { $0.contains(startedLine) && $0.contains("run started") })
    }
}

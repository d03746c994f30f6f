import Foundation
import Testing

/// The stream contract: numbering, framing, one terminal event, resumption from any point,
/// identical fan-out.
@Suite("SSE event stream", .serialized, .timeLimit(.minutes(2)))
struct EventStreamTests {
    @Test func sequenceIsGaplessFramedAndEndsWithOneTerminalEvent() async throws {
        let scripted = try ScriptedService(label: "sse")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        let words = (1...60).map { "word\($0)" }.joined(separator: " ")
        try scripted.script([
            ["text": words, "tool_calls": [["name": "list_files", "arguments": [:]]], "usage": ["input_tokens": 10, "output_tokens": 5]],
            ["text": "All done."],
        ])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        // Two subscribers from the start see the same sequence.
        async let first = client.collect(session, run)
        async let second = client.collect(session, run)
        let (a, b) = try await (first, second)
        #expect(a == b)
        #expect(a.map(\.seq) == Array(1...a.count))
        #expect(a.first?.event == "run_started")
        for event in a {
            #expect(event.id == event.envelope["event_id"] as? String)
            #expect(event.event == event.envelope["type"] as? String)
            #expect(event.envelope["run_id"] as? String == run)
            #expect(event.envelope["session_id"] as? String == session)
            #expect((event.envelope["ts"] as? String)?.hasSuffix("Z") == true)
        }
        let terminals = a.filter { ["run_completed", "run_failed", "run_interrupted"].contains($0.event ?? "") }
        #expect(terminals.count == 1)
        #expect(a.last?.event == "run_completed")
        let text = a.filter { $0.event == "assistant_delta" }.compactMap { $0.payload["text"] as? String }.joined()
        #expect(text.contains("word60"))

        // Reconnecting with Last-Event-ID from every position gives exactly the rest.
        for index in a.indices {
            let rest = try await client.collect(session, run, headers: ["Last-Event-ID": a[index].id ?? ""])
            #expect(rest == Array(a[(index + 1)...]))
        }
        let fromQuery = try await client.collect(session, run, query: "?after=5")
        #expect(fromQuery == Array(a[5...]))
        // After the run: the session takes a new message.
        let state = try await client.get("/api/v1/sessions/\(session)").json
        #expect(state["active_run_id"] is NSNull)
    }

    @Test func reconnectingDuringALiveRunMissesAndRepeatsNothing() async throws {
        let scripted = try ScriptedService(label: "sselive")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([
            ["text": (1...40).map { "slow\($0)" }.joined(separator: " "), "delay_ms": 300],
            ["text": (1...40).map { "more\($0)" }.joined(separator: " "), "delay_ms": 300],
        ])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        // Read a few events, drop the connection, resume from the last one seen.
        var head: [SSEEvent] = []
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            head.append(event)
            if head.count == 3 { break }
        }
        let tail = try await client.collect(session, run, headers: ["Last-Event-ID": head.last?.id ?? ""])
        let whole = head + tail
        #expect(whole.map(\.seq) == Array(1...whole.count))
        #expect(whole.last?.event == "run_completed")
        let replay = try await client.collect(session, run)
        #expect(replay == whole)
    }

    @Test func badResumePositionsAreRejected() async throws {
        let scripted = try ScriptedService(label: "ssebad")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "hi"]])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        _ = try await client.collect(session, run)
        let bad = try await client.get("/api/v1/sessions/\(session)/runs/\(run)/stream", headers: ["Last-Event-ID": "evt_doesnotexist"])
        #expect(bad.status == 400)
        let negative = try await client.get("/api/v1/sessions/\(session)/runs/\(run)/stream?after=-3")
        #expect(negative.status == 400)
    }
}

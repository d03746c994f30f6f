#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The real service, its real (confined) workers, and a gateway SIGKILLed while a run
/// streams (issue 13): the worker keeps the run, re-attaches to the restarted gateway and
/// hands over what it had not persisted, so the run completes as if nothing had happened.
@Suite("Gateway kill end to end", .serialized, .timeLimit(.minutes(2)))
struct GatewayKillEndToEndTests {
    static let terminal: Set<String> = ["run_completed", "run_failed", "run_interrupted"]

    @Test func aRunStreamingThroughAGatewayKillCompletesWithNothingLostOrDoubled() async throws {
        try await FakeLLMServer.with { openai in
            let pieces = (1...40).map { "word\($0) " }
            var reply = LLMReply.openAIText(pieces, usage: (400, 40))
            reply.interval = .milliseconds(40)  // ~1.7 s of streaming: the kill lands mid-run
            openai.enqueue(reply)
            let service = try ServiceProcess(label: "gk", environment: [
                "RESUME_AGENT_PROVIDERS": "openai", "OPENAI_BASE_URL": openai.baseURL + "/v1", "OPENAI_API_KEY": "sk-test-gk",
                "OPENAI_MODEL": "fake-gpt", "RESUME_AGENT_PRICES": "fake-gpt=2/8",
            ])
            defer { service.terminate() }
            let client = try await service.client()
            let session = try await client.preparedSession()
            let run = try await client.message(session, "Summarise my fit")

            // Read until a few deltas are in, then kill the gateway under the run.
            var before: [SSEEvent] = []
            for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
                before.append(event)
                if before.filter({ $0.event == "assistant_delta" }).count >= 3 { break }
            }
            let gateway = try #require(service.children("gateway").first)
            kill(gateway.pid, SIGKILL)

            // The client reconnects with Last-Event-ID, as a browser would, until the stream ends.
            let lastSeen = try #require(before.last?.id)
            var after: [SSEEvent] = []
            try await eventually("the run's stream read to its end after the restart", timeout: .seconds(20), every: .milliseconds(50)) {
                guard let fresh = service.children("gateway").first, fresh.pid != gateway.pid else { return false }
                guard let events = try? await client.collect(session, run, headers: ["Last-Event-ID": after.last?.id ?? lastSeen]) else { return false }
                after += events
                return after.contains { Self.terminal.contains($0.event ?? "") }
            }

            let events = before + after
            let seqs = events.map(\.seq)
            #expect(seqs == Array(1...seqs.count), "seq gapless from 1, nothing repeated")
            #expect(events.filter { Self.terminal.contains($0.event ?? "") }.count == 1, "exactly one terminal event")
            #expect(events.last?.event == "run_completed", "\(events.last?.event ?? "-"): \(events.last?.data ?? "")")
            let deltas = events.filter { $0.event == "assistant_delta" }.compactMap { $0.payload["text"] as? String }
            #expect(deltas.joined() == pieces.joined(), "the model's whole text, once")
            // It was this worker, still confined, that re-connected and carried the run on.
            let adopted = service.log.filter { $0.contains("worker re-attached with its run") && $0.contains(run) }
            #expect(adopted.count == 1)
            #expect(adopted.first?.contains("sandbox.seccomp=true") == true, "\(adopted.first ?? "no adoption logged")")
            #expect(service.log.contains { $0.contains("run adopted") && $0.contains(run) })
            #expect(!service.log.contains { $0.contains("recovered unfinished run") && $0.contains(run) })
        }
    }
}

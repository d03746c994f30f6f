#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Store
import Testing

/// Whatever dies, every run ends with exactly one terminal event and nothing is lost.
@Suite("Crash recovery", .serialized, .timeLimit(.minutes(2)))
struct CrashRecoveryTests {
    @Test func killedWorkerMidRunEndsTheRunAsWorkerCrashed() async throws {
        let scripted = try ScriptedService(label: "wcrash")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "halfway", "hang": true]])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        var events: [SSEEvent] = []
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            events.append(event)
            if event.event == "assistant_delta" {
                // The busy worker is the one not reported idle; kill every worker to be sure.
                for worker in scripted.service.children("worker") { kill(worker.pid, SIGKILL) }
            }
        }
        #expect(events.last?.event == "run_failed")
        #expect(events.last?.payload["reason"] as? String == "worker_crashed")
        #expect(events.filter { ["run_completed", "run_failed", "run_interrupted"].contains($0.event ?? "") }.count == 1)
    }

    @Test func workerThatAbortsEndsTheRunAsWorkerCrashed() async throws {
        let scripted = try ScriptedService(label: "abort")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "about to crash", "crash": true]])
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        #expect(events.last?.event == "run_failed")
        #expect(events.last?.payload["reason"] as? String == "worker_crashed")
    }

    /// The gateway and the run's worker die together (a worker alone re-attaches and keeps
    /// its run: see GatewayKillEndToEndTests): the restarted gateway waits the re-attach grace,
    /// then ends the run as `gateway_restarted`.
    @Test func killedGatewayAndWorkerMidRunLeaveACompleteReplayAfterRestart() async throws {
        let scripted = try ScriptedService(label: "gcrash")
        defer { scripted.service.terminate() }
        let client = try await scripted.service.client()
        try scripted.script([["text": "this will be cut short", "hang": true]])
        let session = try await client.preparedSession()
        let run = try await client.message(session, "go")
        var before: [SSEEvent] = []
        let gateway = try #require(scripted.service.children("gateway").first)
        do {
            for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
                before.append(event)
                if event.event == "assistant_delta" {
                    kill(gateway.pid, SIGKILL)
                    for worker in scripted.service.children("worker") { kill(worker.pid, SIGKILL) }
                }
            }
        } catch {
            // The connection dies with the gateway; that is the point.
        }
        try await eventually("a new gateway", timeout: .seconds(5)) {
            guard let fresh = scripted.service.children("gateway").first, fresh.pid != gateway.pid else { return false }
            return (try? await client.get("/healthz"))?.status == 200
        }
        let replay = try await client.collect(session, run)
        #expect(replay.map(\.seq) == Array(1...replay.count))
        #expect(Array(replay.prefix(before.count)) == before)
        #expect(replay.last?.event == "run_failed")
        #expect((replay.last?.payload["error"] as? [String: Any])?["code"] as? String == "gateway_restarted")
        let state = try await client.get("/api/v1/sessions/\(session)").json
        #expect(state["active_run_id"] is NSNull)
        // Nothing else was lost, and the database is intact.
        let files = try await client.get("/api/v1/sessions/\(session)/files").json["files"] as? [[String: Any]] ?? []
        #expect(Set(files.compactMap { $0["path"] as? String }).isSuperset(of: ["resume.md", "jd.md", "resume.original.md"]))
        let store = try Store(dataDirectory: scripted.service.dataDirectory)
        #expect(try store.integrityCheck() == "ok")
        try scripted.script([["text": "back to work"]])
        let next = try await client.collect(session, try await client.message(session, "again"))
        #expect(next.last?.event == "run_completed")
    }
}

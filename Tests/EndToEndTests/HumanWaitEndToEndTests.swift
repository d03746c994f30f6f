#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A person reading a diff holds no worker process: the run is saved and released while the
/// approval waits, and a fresh worker continues it after the decision.
@Suite("Human waits end to end", .serialized, .timeLimit(.minutes(3)))
struct HumanWaitEndToEndTests {
    @Test func aRunWaitingForApprovalHoldsNoWorkerAndCompletesAfterTheDecision() async throws {
        // One worker at most: a run that kept it while waiting would leave nothing for anyone else.
        let service = try ServiceProcess(label: "hwait", arguments: ["--workers", "1", "--max-workers", "1"])
        defer { service.terminate() }
        let client = try await service.client()
        let port = try await service.waitUntilReady()
        let session = try await client.preparedSession()
        let analysis = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        #expect(analysis.last?.event == "run_completed")
        let before = try await client.get("/api/v1/sessions/\(session)/files/resume.md").text

        let run = try await client.message(session, "Tailor my resume to this job")
        var seen: [SSEEvent] = []
        var approvedCall: String?
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            seen.append(event)
            guard event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true else { continue }
            let approval = try #require(event.payload["approval_id"] as? String)
            let callId = try #require(event.payload["tool_call_id"] as? String)
            if approvedCall == nil {
                // While the person decides: no busy worker, and the one worker serves others.
                try await eventually("the waiting run to release its worker", timeout: .seconds(10)) {
                    guard let ready = HTTP.get(port: port, path: "/readyz"), ready.status == 200,
                          let body = try? JSONSerialization.jsonObject(with: Data(ready.body.utf8)) as? [String: Any],
                          let workers = body["workers"] as? [String: Any] else { return false }
                    return (workers["busy"] as? Int) == 0 && (workers["idle"] as? Int ?? 0) >= 1
                }
                let runState = try await client.get("/api/v1/sessions/\(session)/runs/\(run)").json["status"] as? String
                #expect(runState == "running", "the run is alive, only its worker is gone")
                // Another person's upload is parsed by the only worker while this run waits.
                _ = try await client.preparedSession(resume: "resumes/alex-chen.docx")
                #expect(service.log.contains { $0.contains("run suspended for a decision") && $0.contains(run) })
                approvedCall = callId
                #expect(try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/approve").status == 200)
            } else {
                #expect(try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/reject", ["reason": "enough"]).status == 200)
            }
        }
        #expect(seen.last?.event == "run_completed")
        let callId = try #require(approvedCall)
        let forCall = seen.filter { ($0.payload["tool_call_id"] as? String) == callId }
        #expect(forCall.map { $0.event ?? "" } == ["tool_call_proposed", "tool_call_approved", "tool_result"])
        #expect(forCall.last?.payload["ok"] as? Bool == true)
        let after = try await client.get("/api/v1/sessions/\(session)/files/resume.md").text
        #expect(after != before, "the approved edit was applied by the worker that resumed the run")
        // Sequence numbers stay gapless across the hand-over.
        let seqs = seen.map(\.seq)
        #expect(seqs == Array(1...seqs.count))
        #expect(service.log.contains { $0.contains("resuming run on a new worker") && $0.contains(run) })
    }

    @Test func aSuspendedRunSurvivesAGatewayRestartAndCompletesAfterTheDecision() async throws {
        let service = try ServiceProcess(label: "hwrestart")
        defer { service.terminate() }
        let client = try await service.client()
        let port = try await service.waitUntilReady()
        let session = try await client.preparedSession()
        let analysis = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        #expect(analysis.last?.event == "run_completed")
        let before = try await client.get("/api/v1/sessions/\(session)/files/resume.md").text

        let run = try await client.message(session, "Tailor my resume to this job")
        var seen: [SSEEvent] = []
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            seen.append(event)
            if event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true { break }
        }
        let proposal = try #require(seen.last)
        let approval = try #require(proposal.payload["approval_id"] as? String)
        let callId = try #require(proposal.payload["tool_call_id"] as? String)
        try await eventually("the run to be suspended", timeout: .seconds(10)) {
            service.log.contains { $0.contains("run suspended for a decision") && $0.contains(run) }
        }
        // The gateway dies while the person reads the diff; a new one takes the run up again.
        let gateway = try #require(service.children("gateway").first)
        kill(gateway.pid, SIGKILL)
        try await eventually("a new gateway with the run restored", timeout: .seconds(15)) {
            service.children("gateway").contains { $0.pid != gateway.pid } && HTTP.get(port: port, path: "/healthz")?.status == 200
                && service.log.contains { $0.contains("restored a run suspended for a decision") && $0.contains(run) }
        }
        #expect(try await client.get("/api/v1/sessions/\(session)/runs/\(run)").json["status"] as? String == "running")
        #expect(try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/approve").status == 200)
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream", headers: ["Last-Event-ID": proposal.id ?? ""])
        where !event.isComment {
            seen.append(event)
            guard event.event == "tool_call_proposed", event.payload["requires_approval"] as? Bool == true,
                  let later = event.payload["approval_id"] as? String else { continue }
            #expect(try await client.post("/api/v1/sessions/\(session)/approvals/\(later)/reject", ["reason": "enough"]).status == 200)
        }
        #expect(seen.last?.event == "run_completed")
        let forCall = seen.filter { ($0.payload["tool_call_id"] as? String) == callId }
        #expect(forCall.map { $0.event ?? "" } == ["tool_call_proposed", "tool_call_approved", "tool_result"])
        #expect(forCall.last?.payload["ok"] as? Bool == true)
        #expect(try await client.get("/api/v1/sessions/\(session)/files/resume.md").text != before)
        #expect(seen.map(\.seq) == Array(1...seen.count), "one gapless stream across the restart")
    }
}

import Foundation
import Synchronization

/// The interrupt and approve micro-profiles: one session, one run at a time, the user acting
/// the moment the stream shows the cue.
///
/// - interrupt: the model streams one token and then hangs; on the first `assistant_delta` the
///   client POSTs interrupt; measured until the server closes the stream (`run_interrupted`).
/// - approve: the model proposes a `write_file`; on `tool_call_proposed` the client POSTs
///   approve; measured until `tool_result` and until the run's stream closes.
enum MicroLatency {
    private final class Mark: Sendable {
        let at = Mutex<ContinuousClock.Instant?>(nil)
    }

    static func run(_ context: LoadContext) async throws -> ProfileResult {
        let plan = context.plan
        var result = ProfileResult(profile: plan.name)
        let client = context.client()
        defer { client.shutdown() }
        let api = context.api(client)
        let session = try await context.preparedSession(api, index: 0)
        let sampler = context.sampler()
        sampler?.begin()
        let interrupting = plan.kind == .interrupt
        var unexpected: [String] = []
        for iteration in 0..<plan.iterations {
            var directive = plan.model
            if interrupting {
                directive.tokens = 1
                directive.hang = true
            } else {
                directive.calls = [.init(name: "write_file", arguments: ["path": "notes/approve-\(iteration).md", "content": "approved \(iteration)\n"])]
                directive.tokensAfterCalls = 1
            }
            let content = (interrupting ? "Start a long answer." : "Save a note.") + "\n" + directive.line
            let answer = try await api.call("POST /sessions/{id}/messages", accept: [202]) {
                try await client.post("/api/v1/sessions/\(session)/messages", json: ["content": content])
            }
            guard let run = answer.json["run_id"] as? String else { throw api.fail("POST /sessions/{id}/messages", answer) }
            context.ledger.runStarted(run, session: session)
            let mark = Mark()
            let follower = RunFollower(api: api, ledger: context.ledger, deadline: .seconds(60))
            let recorder = context.recorder
            let ledger = context.ledger
            let seen = await follower.follow(session: session, run: run) { event, at, group in
                switch event.type {
                case "assistant_delta" where interrupting:
                    guard mark.at.withLock({ state in defer { if state == nil { state = .now } }; return state == nil }) else { break }
                    group.addTask { _ = try? await api.interrupt(session, run: run) }
                case "tool_call_proposed" where !interrupting:
                    guard let approval = event.payload?.approvalId else { break }
                    ledger.approvalSeen(approval, session: session, run: run)
                    mark.at.withLock { $0 = .now }
                    group.addTask {
                        if let answer = try? await api.decide(session, approval: approval, approve: true), answer.status == 200 {
                            ledger.approvalDecided(approval, "approved")
                        }
                    }
                case "tool_result" where !interrupting:
                    if let start = mark.at.withLock({ $0 }) { recorder.figure("approve → tool_result", at.milliseconds(since: start)) }
                    if event.payload?.ok == true {
                        ledger.file(Ledger.FileEntry(sessionId: session, path: "notes/approve-\(iteration).md", content: "approved \(iteration)\n"))
                    }
                case "run_interrupted", "run_completed", "run_failed":
                    if let start = mark.at.withLock({ $0 }) {
                        recorder.figure((interrupting ? "interrupt → terminal event" : "approve → terminal event"), at.milliseconds(since: start))
                    }
                default:
                    break
                }
            }
            if let start = mark.at.withLock({ $0 }) {
                recorder.figure(
                    interrupting ? "interrupt → stream closed" : "approve → run finished (stream closed)", ContinuousClock.now.milliseconds(since: start))
            }
            let terminal = seen.terminal?.type ?? "none"
            let expected = interrupting ? (terminal == "run_interrupted" && seen.terminal?.payload?.reason == "user") : terminal == "run_completed"
            recorder.outcome(terminal + (seen.terminal?.payload?.reason.map { " (\($0))" } ?? ""))
            if !expected { unexpected.append("\(run): \(terminal)") }
        }
        result.usage = sampler?.end()
        result.recorder = context.recorder.snapshot
        result.runsForCpu = plan.iterations
        let name = interrupting ? "interrupt → stream closed" : "approve → run finished (stream closed)"
        if let samples = result.recorder.figures[name] {
            result.headline.append((name + " p50", samples.percentile(50) ?? .nan, "ms"))
            result.headline.append((name + " p95", samples.percentile(95) ?? .nan, "ms"))
        }
        result.checks.append(.verify(
            interrupting ? "every interrupted run ended with run_interrupted (user)" : "every approved run completed", unexpected.isEmpty,
            "\(plan.iterations - unexpected.count)/\(plan.iterations)" + (unexpected.isEmpty ? "" : " (e.g. \(unexpected.prefix(3).joined(separator: ", ")))")))
        return result
    }
}

import Foundation
import Synchronization

/// Sends one message and follows the run it starts to the end, as a person at the web UI
/// would: approvals proposed during the run are looked up (`GET …/approvals`) and decided
/// after a short pause. Measures POST→`run_started`, POST→first `assistant_delta` (and that
/// minus the model's configured time to first token), decision→`tool_result` /
/// `tool_call_rejected`, and the whole run.
struct RunDriver: Sendable {
    let api: ServiceAPI
    let ledger: Ledger
    let slots: RunSlots?
    /// Pause before deciding an approval (a person reading the diff).
    var decisionPause: ClosedRange<Int> = 0...0
    var followDeadline: Duration = .seconds(180)

    /// How to decide each approval of this run.
    enum Decision: Sendable {
        case approve
        case reject
    }

    struct Message: Sendable {
        var text: String
        var directive: ModelDirective
        var decision: Decision = .approve
        /// Files the scripted tool call writes when approved and successful.
        var expectedFiles: [Ledger.FileEntry] = []

        var content: String { text + "\n" + directive.line }
        /// The first model turn answers text (so the first delta measures the server's overhead).
        var answersFirst: Bool { (directive.calls ?? []).isEmpty }
    }

    struct Outcome: Sendable {
        var runId: String?
        var terminal: String?
        var reason: String?
        var code: String?
        var approvalsDecided = 0
        /// Ended by something chaos causes (a killed worker or gateway): a client resends.
        var isChaosCasualty: Bool {
            terminal == "run_failed" && (reason == "worker_crashed" || code == "gateway_restarted" || code == "worker_crashed")
        }
    }

    /// Per-run marks shared by the stream reader and the decision tasks.
    private final class Marks: Sendable {
        struct State {
            var started = false
            var firstDelta = false
            var decided: [String: (at: ContinuousClock.Instant, approve: Bool)] = [:]
            var approvalsDecided = 0
        }
        let state = Mutex(State())
    }

    func send(_ session: String, _ message: Message, modelTTFT: Duration) async throws -> Outcome {
        if let slots {
            let waited = ContinuousClock.now
            await slots.acquire()
            api.recorder.figure("run slot wait (client queue)", ContinuousClock.now.milliseconds(since: waited))
        }
        defer { slots?.release() }
        let t0 = ContinuousClock.now
        guard let runId = try await post(session, message) else { return Outcome() }
        ledger.runStarted(runId, session: session)
        let marks = Marks()
        let ttftMs = modelTTFT.millisecondsDouble
        let follower = RunFollower(api: api, ledger: ledger, deadline: followDeadline)
        let recorder = api.recorder
        let seen = await follower.follow(session: session, run: runId) { event, at, group in
            let ms = at.milliseconds(since: t0)
            switch event.type {
            case "run_started":
                if marks.state.withLock({ state in defer { state.started = true }; return !state.started }) {
                    recorder.figure("POST /messages → run_started", ms)
                }
            case "assistant_delta":
                if marks.state.withLock({ state in defer { state.firstDelta = true }; return !state.firstDelta }), message.answersFirst {
                    recorder.figure("POST /messages → first assistant_delta", ms)
                    recorder.figure("POST → first delta − model TTFT (server overhead)", ms - ttftMs)
                }
            case "tool_call_proposed":
                guard event.payload?.requiresApproval == true, let approval = event.payload?.approvalId,
                      let call = event.payload?.toolCallId else { break }
                ledger.approvalSeen(approval, session: session, run: runId)
                group.addTask { await decide(session, approval: approval, toolCall: call, message.decision, marks) }
            case "file_changed":
                // The service says it wrote this file. Its content is what the scripted call
                // expects only once the call's tool_result says ok; a worker killed in between
                // leaves a written file whose content this client cannot know (present only).
                guard let path = event.payload?.path, message.expectedFiles.contains(where: { $0.path == path }) else { break }
                ledger.file(Ledger.FileEntry(sessionId: session, path: path))
            case "tool_result":
                guard let call = event.payload?.toolCallId, let decided = marks.state.withLock({ $0.decided[call] }) else { break }
                if decided.approve { recorder.figure("approve → tool_result", at.milliseconds(since: decided.at)) }
                if decided.approve, event.payload?.ok == true { message.expectedFiles.forEach(ledger.file) }
            case "tool_call_rejected":
                guard let call = event.payload?.toolCallId, let decided = marks.state.withLock({ $0.decided[call] }) else { break }
                recorder.figure("reject → tool_call_rejected", at.milliseconds(since: decided.at))
            default:
                break
            }
        }
        recorder.figure("POST /messages → stream closed (whole run)", ContinuousClock.now.milliseconds(since: t0))
        var outcome = Outcome(runId: runId)
        outcome.approvalsDecided = marks.state.withLock { $0.approvalsDecided }
        if let terminal = seen.terminal {
            outcome.terminal = terminal.type
            outcome.reason = terminal.payload?.reason
            outcome.code = terminal.payload?.error?.code
            recorder.outcome(Self.outcomeName(terminal.type, reason: terminal.payload?.reason, code: terminal.payload?.error?.code))
        } else {
            recorder.outcome("no terminal event seen (client gave up)")
        }
        return outcome
    }

    /// "run_failed (internal/gateway_restarted)", "run_interrupted (user)", "run_completed".
    static func outcomeName(_ type: String, reason: String?, code: String?) -> String {
        guard type != "run_completed" else { return type }
        var parts: [String] = []
        for part in [reason, code].compactMap({ $0 }) where !parts.contains(part) { parts.append(part) }
        return parts.isEmpty ? type : "\(type) (\(parts.joined(separator: "/")))"
    }

    /// POST …/messages; after a transport failure a 409 `run_in_progress` may be our own first
    /// attempt having landed: then the session's active run (or its latest with our content) is ours.
    private func post(_ session: String, _ message: Message) async throws -> String? {
        let route = "POST /sessions/{id}/messages"
        let content = message.content
        let answer = try await api.call(route, accept: [202]) {
            try await api.client.post("/api/v1/sessions/\(session)/messages", json: ["content": content])
        }
        if answer.status == 202, let run = answer.json["run_id"] as? String { return run }
        if answer.status == 409, answer.errorCode == "run_in_progress", answer.retriedAfterTransportFailure {
            let runs = try await api.runs(session)
            if let mine = runs.last(where: { ($0["content"] as? String) == content.trimmingCharacters(in: .whitespacesAndNewlines) }),
               let id = mine["run_id"] as? String {
                api.recorder.count("messages recovered after a lost response")
                return id
            }
        }
        throw api.fail(route, answer)
    }

    private func decide(_ session: String, approval: String, toolCall: String, _ decision: Decision, _ marks: Marks) async {
        let pause = Int.random(in: decisionPause)
        if pause > 0 { try? await Task.sleep(for: .milliseconds(pause)) }
        do {
            let pending = try await api.pendingApprovals(session)
            if !pending.contains(where: { $0["approval_id"] as? String == approval }) {
                api.recorder.count("approvals not listed as pending when decided")
            }
            let approve = decision == .approve
            marks.state.withLock { $0.decided[toolCall] = (ContinuousClock.now, approve) }
            let answer = try await api.decide(session, approval: approval, approve: approve)
            switch answer.status {
            case 200:
                ledger.approvalDecided(approval, approve ? "approved" : "rejected")
                marks.state.withLock { $0.approvalsDecided += 1 }
            case 409 where answer.retriedAfterTransportFailure:
                api.recorder.count("decisions acknowledged only by a 409 after a lost response")
            default:
                if api.chaos {
                    // The run ended first (a killed worker, a restart): nothing is pending any more.
                    api.recorder.count("decisions refused because the run had ended (chaos)")
                } else {
                    _ = api.fail("POST /sessions/{id}/approvals/{id}/decide", answer)
                }
            }
        } catch {
            // Already recorded by the API layer.
        }
    }
}

import Foundation
import NIOCore
import Synchronization

/// After the load: compares what the clients created and saw (the ledger) with what the
/// service's API returns now. Every run is replayed from its first event.
struct APIVerifier: Sendable {
    let client: HTTPClient
    let ledger: Ledger
    /// Sessions checked at once.
    var concurrency = 8

    private struct Tally: Sendable {
        var sessionsMissing: [String] = []
        var sessionsStillActive: [String] = []
        var runsListed = 0
        var runsNotTerminal: [String] = []
        var clientRunsMissing: [String] = []
        var runsReplayed = 0
        var replayFailures: [String] = []
        var runsWithoutOneTerminal: [String] = []
        var runsWithSeqGaps: [String] = []
        var terminalNotLast: [String] = []
        var eventsReplayed = 0
        var approvalsMissing: [String] = []
        var decisionsMismatched: [String] = []
        var filesMissing: [String] = []
        var filesWrong: [String] = []
        var requestFailures: [String] = []
        var runOutcomes: [String: String] = [:]
    }

    struct Result: Sendable {
        var checks: [Check]
        /// run id → terminal event type as the service replays it.
        var runOutcomes: [String: String]
    }

    func verify() async -> Result {
        let snapshot = ledger.snapshot
        let tally = Locked(Tally())
        var bySession: [String: [String]] = [:]
        for (run, entry) in snapshot.runs { bySession[entry.sessionId, default: []].append(run) }
        let sessions = snapshot.sessions
        let runsBySession = bySession
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func addNext() {
                guard next < sessions.count else { return }
                let session = sessions[next]
                next += 1
                group.addTask { await check(session: session, clientRuns: runsBySession[session] ?? [], snapshot: snapshot, tally: tally) }
            }
            for _ in 0..<concurrency { addNext() }
            while await group.next() != nil { addNext() }
        }
        let t = tally.withLock { $0 }
        return Result(checks: checks(t, snapshot: snapshot), runOutcomes: t.runOutcomes)
    }

    private func checks(_ t: Tally, snapshot: Ledger.State) -> [Check] {
        func sample(_ ids: [String]) -> String { ids.isEmpty ? "" : " (e.g. \(ids.prefix(3).joined(separator: ", ")))" }
        let clientRuns = snapshot.runs
        let seen = clientRuns.values
        let lost = seen.map(\.lostSeqs).reduce(0, +), duplicated = seen.map(\.duplicateSeqs).reduce(0, +)
        let afterTerminal = seen.map(\.eventsAfterTerminal).reduce(0, +)
        let unfinished = clientRuns.filter { $0.value.terminal == nil }.map(\.key)
        let multipleTerminals = clientRuns.filter { $0.value.terminalsSeen > 1 }.map(\.key)
        let reconnects = seen.map(\.reconnects).reduce(0, +)
        let decided = snapshot.approvals.values.filter { $0.decision != nil }.count
        return [
            .verify(
                "API: every session the clients created is there", t.sessionsMissing.isEmpty,
                "\(snapshot.sessions.count - t.sessionsMissing.count)/\(snapshot.sessions.count) sessions" + sample(t.sessionsMissing)),
            .verify(
                "API: no session is left with an active run", t.sessionsStillActive.isEmpty,
                "\(t.sessionsStillActive.count) still active 30 s after the load" + sample(t.sessionsStillActive)),
            .verify(
                "API: every run the clients started is listed", t.clientRunsMissing.isEmpty,
                "\(clientRuns.count - t.clientRunsMissing.count)/\(clientRuns.count) runs" + sample(t.clientRunsMissing)),
            .verify(
                "API: every run has ended (status completed/failed/interrupted)", t.runsNotTerminal.isEmpty,
                "\(t.runsListed - t.runsNotTerminal.count)/\(t.runsListed) runs" + sample(t.runsNotTerminal)),
            .verify(
                "API: every run replays with exactly one terminal event, and it is last",
                t.runsWithoutOneTerminal.isEmpty && t.terminalNotLast.isEmpty && t.replayFailures.isEmpty,
                "\(t.runsReplayed) runs, \(t.eventsReplayed) events replayed; \(t.runsWithoutOneTerminal.count) without exactly one, "
                    + "\(t.terminalNotLast.count) not last, \(t.replayFailures.count) replays failed"
                    + sample(t.runsWithoutOneTerminal + t.terminalNotLast + t.replayFailures)),
            .verify(
                "API: every replayed run's seq runs 1, 2, 3… with no gap or repeat", t.runsWithSeqGaps.isEmpty,
                "\(t.runsWithSeqGaps.count) runs with gaps or repeats" + sample(t.runsWithSeqGaps)),
            .verify(
                "clients: no lost or duplicated seq, nothing after the terminal event", lost == 0 && duplicated == 0 && afterTerminal == 0 && multipleTerminals.isEmpty,
                "\(seen.map(\.eventsSeen).reduce(0, +)) events live over \(reconnects) reconnects: \(lost) lost, \(duplicated) duplicated, "
                    + "\(afterTerminal) after a terminal event, \(multipleTerminals.count) runs with 2+ terminal events"),
            .verify(
                "clients: every run's stream reached its terminal event", unfinished.isEmpty,
                "\(clientRuns.count - unfinished.count)/\(clientRuns.count) runs" + sample(unfinished)),
            .verify(
                "API: every approval the clients saw is there, with the decision they were told", t.approvalsMissing.isEmpty && t.decisionsMismatched.isEmpty,
                "\(snapshot.approvals.count) approvals seen, \(decided) decided; \(t.approvalsMissing.count) missing, "
                    + "\(t.decisionsMismatched.count) with another status" + sample(t.approvalsMissing + t.decisionsMismatched)),
            .verify(
                "API: every file the service said it wrote is there, with its content", t.filesMissing.isEmpty && t.filesWrong.isEmpty,
                "\(snapshot.files.count) files expected; \(t.filesMissing.count) missing, \(t.filesWrong.count) with other content"
                    + sample(t.filesMissing + t.filesWrong)),
            .verify(
                "API: every verification request answered", t.requestFailures.isEmpty,
                "\(t.requestFailures.count) failed" + sample(t.requestFailures)),
        ]
    }

    private func check(session: String, clientRuns: [String], snapshot: Ledger.State, tally: Locked<Tally>) async {
        do {
            // 1. The session exists and has no active run (runs may still be ending: wait a little).
            var sessionObject: [String: Any] = [:]
            let deadline = ContinuousClock.now + .seconds(30)
            repeat {
                let answer = try await client.get("/api/v1/sessions/\(session)")
                guard answer.status == 200 else {
                    tally.withLock { $0.sessionsMissing.append(session) }
                    return
                }
                sessionObject = (try? JSONSerialization.jsonObject(with: Data(answer.bytes))) as? [String: Any] ?? [:]
                if sessionObject["active_run_id"] is NSNull || sessionObject["active_run_id"] == nil { break }
                try await Task.sleep(for: .milliseconds(200))
            } while ContinuousClock.now < deadline
            if let active = sessionObject["active_run_id"] as? String { tally.withLock { $0.sessionsStillActive.append("\(session)/\(active)") } }

            // 2. Runs: listed, ended, and each replays cleanly.
            let runsAnswer = try await client.get("/api/v1/sessions/\(session)/runs")
            let listed = ((try? JSONSerialization.jsonObject(with: Data(runsAnswer.bytes))) as? [String: Any])?["runs"] as? [[String: Any]] ?? []
            let listedIDs = Set(listed.compactMap { $0["run_id"] as? String })
            tally.withLock { state in
                state.runsListed += listed.count
                state.clientRunsMissing += clientRuns.filter { !listedIDs.contains($0) }
                for run in listed where !["completed", "failed", "interrupted"].contains(run["status"] as? String ?? "") {
                    state.runsNotTerminal.append(run["run_id"] as? String ?? "?")
                }
            }
            for run in listedIDs.sorted() { await replay(session: session, run: run, tally: tally) }

            // 3. Approvals and decisions.
            let approvalsAnswer = try await client.get("/api/v1/sessions/\(session)/approvals?status=all")
            let approvals = ((try? JSONSerialization.jsonObject(with: Data(approvalsAnswer.bytes))) as? [String: Any])?["approvals"] as? [[String: Any]] ?? []
            var status: [String: String] = [:]
            for approval in approvals { status[approval["approval_id"] as? String ?? ""] = approval["status"] as? String }
            tally.withLock { state in
                for (id, entry) in snapshot.approvals where entry.sessionId == session {
                    guard let current = status[id] else {
                        state.approvalsMissing.append(id)
                        continue
                    }
                    if let decision = entry.decision, decision != current { state.decisionsMismatched.append("\(id): told \(decision), now \(current)") }
                }
            }

            // 4. Files.
            let filesAnswer = try await client.get("/api/v1/sessions/\(session)/files")
            let files = ((try? JSONSerialization.jsonObject(with: Data(filesAnswer.bytes))) as? [String: Any])?["files"] as? [[String: Any]] ?? []
            let paths = Set(files.compactMap { $0["path"] as? String })
            for entry in snapshot.files.values where entry.sessionId == session {
                guard paths.contains(entry.path) else {
                    tally.withLock { $0.filesMissing.append("\(session)/\(entry.path)") }
                    continue
                }
                guard entry.content != nil || entry.mustContain != nil else { continue }
                let body = try await client.get("/api/v1/sessions/\(session)/files/\(entry.path)")
                let text = body.text
                let right = body.status == 200 && (entry.content.map { $0 == text } ?? true) && (entry.mustContain.map { text.contains($0) } ?? true)
                if !right { tally.withLock { $0.filesWrong.append("\(session)/\(entry.path)") } }
            }
        } catch {
            tally.withLock { $0.requestFailures.append("\(session): \(error)") }
        }
    }

    /// Reads a run's whole stream from the start (the server replays it and closes).
    private func replay(session: String, run: String, tally: Locked<Tally>) async {
        do {
            let (connection, parts, _) = try await client.stream("/api/v1/sessions/\(session)/runs/\(run)/stream", idleTimeout: .seconds(20))
            var decoder = SSEDecoder()
            var messages: [SSEMessage] = []
            var seqs: [Int] = []
            var types: [String] = []
            for try await part in parts {
                if case .body(let buffer) = part {
                    messages.removeAll(keepingCapacity: true)
                    decoder.feed(buffer, into: &messages)
                    for message in messages where !message.isComment {
                        guard let envelope = EventEnvelope.decode(message.data) else { continue }
                        seqs.append(envelope.seq)
                        types.append(envelope.type)
                    }
                }
            }
            await client.finished(connection)
            let terminals = types.filter { EventEnvelope.terminalTypes.contains($0) }.count
            tally.withLock { state in
                state.runsReplayed += 1
                state.eventsReplayed += seqs.count
                if terminals != 1 { state.runsWithoutOneTerminal.append("\(run) (\(terminals))") }
                if let last = types.last, !EventEnvelope.terminalTypes.contains(last), terminals == 1 { state.terminalNotLast.append(run) }
                if seqs != Array(1...max(1, seqs.count)) || seqs.isEmpty { state.runsWithSeqGaps.append(run) }
                state.runOutcomes[run] = types.last
            }
        } catch {
            tally.withLock { $0.replayFailures.append("\(run): \(error)") }
        }
    }
}

import Foundation
import GRDB

/// After the service stopped: opens its SQLite file read-only and checks it from below the
/// API — `PRAGMA integrity_check`, exactly one terminal event per run and last, `seq` without
/// gaps, no run left unfinished, and everything the clients created present.
enum StoreAudit {
    static let terminalTypes = "('run_completed','run_failed','run_interrupted')"

    static func audit(dataDirectory: String, ledger: Ledger.State, serviceStopped: Bool) -> [Check] {
        let path = dataDirectory + "/resume-agent.sqlite"
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            return [.verify("SQLite: the store opens read-only", false, "\(path): \(error)")]
        }
        do {
            return try queue.read { db in try checks(db, ledger: ledger, serviceStopped: serviceStopped) }
        } catch {
            return [.verify("SQLite: the audit queries run", false, "\(error) (has the schema changed? see StoreAudit.swift)")]
        }
    }

    private static func checks(_ db: Database, ledger: Ledger.State, serviceStopped: Bool) throws -> [Check] {
        var checks: [Check] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        checks.append(.verify(
            "SQLite: PRAGMA integrity_check = ok\(serviceStopped ? " (service stopped)" : " (service still running)")",
            integrity == ["ok"], integrity.prefix(3).joined(separator: "; ")))

        // Per run: events, terminal events, highest seq, and whether the last event is terminal.
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id AS run, r.status AS status,
                   COUNT(e.id) AS events,
                   COALESCE(SUM(e.type IN \(terminalTypes)), 0) AS terminals,
                   COALESCE(MAX(e.seq), 0) AS max_seq,
                   COALESCE(MIN(e.seq), 0) AS min_seq,
                   (SELECT type FROM events WHERE run_id = r.id ORDER BY seq DESC LIMIT 1) AS last_type
            FROM runs r LEFT JOIN events e ON e.run_id = r.id
            GROUP BY r.id
            """)
        var notOne: [String] = [], gaps: [String] = [], notLast: [String] = [], unfinished: [String] = []
        var events = 0
        for row in rows {
            let run: String = row["run"]
            let count: Int = row["events"], terminals: Int = row["terminals"], maxSeq: Int = row["max_seq"], minSeq: Int = row["min_seq"]
            let status: String = row["status"]
            let lastType: String? = row["last_type"]
            events += count
            if terminals != 1 { notOne.append("\(run) (\(terminals))") }
            if count != maxSeq || (count > 0 && minSeq != 1) { gaps.append(run) }
            if terminals == 1, let lastType, !["run_completed", "run_failed", "run_interrupted"].contains(lastType) { notLast.append(run) }
            if !["completed", "failed", "interrupted"].contains(status) { unfinished.append("\(run) (\(status))") }
        }
        func sample(_ ids: [String]) -> String { ids.isEmpty ? "" : " (e.g. \(ids.prefix(3).joined(separator: ", ")))" }
        checks.append(.verify(
            "SQLite: every run has exactly one terminal event, and it is last", notOne.isEmpty && notLast.isEmpty,
            "\(rows.count) runs, \(events) events; \(notOne.count) without exactly one, \(notLast.count) not last" + sample(notOne + notLast)))
        checks.append(.verify("SQLite: every run's seq is 1…n with no gap", gaps.isEmpty, "\(gaps.count) runs with gaps" + sample(gaps)))
        checks.append(.verify("SQLite: no run left queued or running", unfinished.isEmpty, "\(unfinished.count) unfinished" + sample(unfinished)))

        let sessions = Set(try String.fetchAll(db, sql: "SELECT id FROM sessions"))
        let missingSessions = ledger.sessions.filter { !sessions.contains($0) }
        let runs = Set(rows.map { $0["run"] as String })
        let missingRuns = ledger.runs.keys.filter { !runs.contains($0) }
        let approvals = Dictionary(
            try Row.fetchAll(db, sql: "SELECT id, status FROM approvals").map { ($0["id"] as String, $0["status"] as String) }, uniquingKeysWith: { a, _ in a })
        let missingApprovals = ledger.approvals.keys.filter { approvals[$0] == nil }
        let wrongDecisions = ledger.approvals.filter { id, entry in entry.decision.map { approvals[id] != $0 } ?? false }.map(\.key)
        let files = Set(try Row.fetchAll(db, sql: "SELECT session_id, path FROM files").map { ($0["session_id"] as String) + "\u{0}" + ($0["path"] as String) })
        let missingFiles = ledger.files.keys.filter { !files.contains($0) }.map { $0.replacingOccurrences(of: "\u{0}", with: "/") }
        checks.append(.verify(
            "SQLite: every session, run, approval and file the clients created is stored",
            missingSessions.isEmpty && missingRuns.isEmpty && missingApprovals.isEmpty && wrongDecisions.isEmpty && missingFiles.isEmpty,
            "sessions \(ledger.sessions.count - missingSessions.count)/\(ledger.sessions.count), runs \(ledger.runs.count - missingRuns.count)/\(ledger.runs.count), "
                + "approvals \(ledger.approvals.count - missingApprovals.count)/\(ledger.approvals.count) (\(wrongDecisions.count) with another decision), "
                + "files \(ledger.files.count - missingFiles.count)/\(ledger.files.count)"
                + sample(missingSessions + missingRuns + missingApprovals + wrongDecisions + missingFiles)))
        return checks
    }
}

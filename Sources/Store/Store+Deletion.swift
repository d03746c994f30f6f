import Contract
import Foundation
import GRDB

/// Removing a session and everything of it; finding what retention may remove.
extension Store {
    /// Deletes the session's rows in every table, in one transaction: afterwards it does not
    /// exist for any route. Its workspace directory is the caller's to remove (after this, so a
    /// crash in between leaves an orphan directory for the cleanup, never a half-visible session).
    /// The usage and run ledgers keep their (anonymous) totals for budgets and reports.
    public func deleteSession(id: String) async throws {
        try await pool.write { db in
            for table in ["events", "approvals", "audit", "files", "file_versions", "transitions", "suspended_runs", "runs"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE session_id = ?", arguments: [id])
            }
            try db.execute(sql: "UPDATE usage_ledger SET session_id = NULL, run_id = NULL WHERE session_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id])
        }
    }

    /// Sessions last active before `cutoff` with no run going (a running one is never removed).
    public func idleSessions(before cutoff: String) async throws -> [SessionRecord] {
        try await pool.read { db in
            try SessionRecord.filter(SessionRecord.CodingKeys.updatedAt < cutoff && SessionRecord.CodingKeys.activeRunId == nil).fetchAll(db)
        }
    }

    /// Export artifacts written before `cutoff`, in sessions with no run going.
    public func exports(before cutoff: String) async throws -> [FileRecord] {
        try await pool.read { db in
            try FileRecord.fetchAll(db, sql: """
                SELECT f.* FROM files f JOIN sessions s ON s.id = f.session_id
                WHERE f.path LIKE 'exports/%' AND f.updated_at < ? AND s.active_run_id IS NULL
                """, arguments: [cutoff])
        }
    }

    /// Forgets a file and its kept versions (the caller removes the bytes).
    public func deleteFile(sessionId: String, path: String, actor: String, action: String) async throws {
        try await pool.write { db in
            guard let file = try FileRecord.filter(FileRecord.CodingKeys.sessionId == sessionId && FileRecord.CodingKeys.path == path).fetchOne(db) else { return }
            try db.execute(sql: "DELETE FROM files WHERE session_id = ? AND path = ?", arguments: [sessionId, path])
            try db.execute(sql: "DELETE FROM file_versions WHERE session_id = ? AND path = ?", arguments: [sessionId, path])
            try AuditRecord(
                id: nil, sessionId: sessionId, runId: nil, actor: actor, action: action, path: path, beforeSha256: file.sha256,
                afterSha256: nil, details: nil, createdAt: Timestamp.now()
            ).insert(db)
        }
    }

    /// Every session id (to find workspace directories that belong to none).
    public func sessionIds() async throws -> Set<String> {
        try await pool.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM sessions")) }
    }

    /// Row counts of a session in every table (tests and `gc --dry-run` read it).
    public func rowCounts(sessionId: String) async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for table in ["events", "approvals", "audit", "files", "file_versions", "transitions", "suspended_runs", "runs"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE session_id = ?", arguments: [sessionId]) ?? 0
            }
            counts["sessions"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE id = ?", arguments: [sessionId]) ?? 0
            return counts
        }
    }
}

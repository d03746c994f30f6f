import Foundation
import GRDB

/// A run suspended for a person's decision: which call and approval it waits for, the job that
/// started it, the worker's saved state (opaque JSON text) and the writes the approval covers.
public struct SuspendedRunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "suspended_runs"
    public var runId: String
    public var sessionId: String
    public var toolCallId: String
    public var approvalId: String
    /// The run's job (`RunJob`), as JSON.
    public var job: String
    /// The worker's checkpoint, as JSON.
    public var checkpoint: String
    /// The planned writes the approval covers (`[PlannedWrite]`), as JSON.
    public var writes: String
    public var createdAt: String

    public enum CodingKeys: String, CodingKey, ColumnExpression {
        case runId = "run_id", sessionId = "session_id", toolCallId = "tool_call_id", approvalId = "approval_id"
        case job, checkpoint, writes
        case createdAt = "created_at"
    }

    public init(
        runId: String, sessionId: String, toolCallId: String, approvalId: String, job: String, checkpoint: String, writes: String,
        createdAt: String
    ) {
        self.runId = runId
        self.sessionId = sessionId
        self.toolCallId = toolCallId
        self.approvalId = approvalId
        self.job = job
        self.checkpoint = checkpoint
        self.writes = writes
        self.createdAt = createdAt
    }
}

extension Store {
    /// Keeps a suspended run's state (replacing an earlier suspension of the same run).
    public func saveSuspension(_ record: SuspendedRunRecord) async throws {
        try await pool.write { db in try record.insert(db, onConflict: .replace) }
    }

    /// The run continues (or ended): its saved state is no longer needed.
    public func clearSuspension(runId: String) async throws {
        try await pool.write { db in _ = try SuspendedRunRecord.deleteOne(db, key: runId) }
    }

    /// Suspended runs that have not ended, oldest first; rows of runs that ended are dropped.
    public func suspendedRuns() async throws -> [SuspendedRunRecord] {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM suspended_runs WHERE run_id NOT IN (SELECT id FROM runs WHERE status IN ('queued', 'running'))
                """)
            return try SuspendedRunRecord.order(SuspendedRunRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }
}

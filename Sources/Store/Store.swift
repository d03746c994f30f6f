import Contract
import Foundation
import GRDB
import ServiceSupport

/// The one SQLite database of a data directory (WAL mode), and every query the service
/// makes. The gateway is its only writer at run time; `resume-agent serve` migrates it and
/// `token create` adds tokens before or beside it (SQLite's locking makes that safe).
public final class Store: Sendable {
    public let pool: DatabasePool

    /// Opens (creating if needed) `<dataDirectory>/resume-agent.sqlite` and migrates it.
    public init(dataDirectory: String) throws {
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
        )
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL + FULL: a commit is on disk before it returns, so an event a client has seen
            // (persisted before it is sent) survives a power loss. Group commit keeps the cost of
            // the fsync per batch of events, not per event.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        pool = try DatabasePool(path: Self.databasePath(dataDirectory), configuration: configuration)
        try Migrations.migrator.migrate(pool)
    }

    public static func databasePath(_ dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("resume-agent.sqlite")
    }

    // MARK: Sessions and the workflow

    /// Creates a session, refusing past `maxSessions` for the tenant (counted in the same
    /// transaction, so concurrent creations cannot overshoot).
    public func createSession(tenantId: String, autoApprove: Bool, costCapUsd: Double, maxSessions: Int? = nil) async throws -> SessionRecord {
        let now = Timestamp.now()
        let session = SessionRecord(
            id: Identifier.make("sess"), tenantId: tenantId, state: .draft, autoApprove: autoApprove,
            createdAt: now, updatedAt: now, inputTokens: 0, outputTokens: 0, costUsd: 0, costCapUsd: costCapUsd,
            activeRunId: nil, jdJson: nil
        )
        try await pool.write { db in
            if let maxSessions {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE tenant_id = ?", arguments: [tenantId]) ?? 0
                guard count < maxSessions else { throw StoreError.quotaExceeded("sessions", used: count, limit: maxSessions) }
            }
            try session.insert(db)
            try TransitionRecord(id: nil, sessionId: session.id, fromState: nil, toState: .draft, runId: nil, cause: "created", createdAt: now).insert(db)
        }
        return session
    }

    /// The session if it exists and belongs to `tenantId` (another tenant's is "not found").
    public func session(id: String, tenantId: String) async throws -> SessionRecord? {
        try await pool.read { db in
            try SessionRecord.filter(SessionRecord.CodingKeys.id == id && SessionRecord.CodingKeys.tenantId == tenantId).fetchOne(db)
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await pool.read { db in try SessionRecord.fetchOne(db, key: id) }
    }

    /// Applies a workflow action atomically: reads the current state, asks `outcome` what the
    /// action does from there, and stores the move with its history row (and `update` for
    /// other columns) in one transaction. Throws `invalidTransition` when refused; a "stays"
    /// outcome still applies `update` but writes no history row.
    @discardableResult
    public func apply(
        sessionId: String, runId: String?, cause: String,
        outcome: @escaping @Sendable (SessionState) -> WorkflowOutcome,
        update: @escaping @Sendable (inout SessionRecord) -> Void = { _ in }
    ) async throws -> (session: SessionRecord, moved: (from: SessionState, to: SessionState)?) {
        try await pool.write { db in
            guard var session = try SessionRecord.fetchOne(db, key: sessionId) else { throw StoreError.notFound }
            let from = session.state
            let target: SessionState?
            switch outcome(from) {
            case .refused: throw StoreError.invalidTransition(from: from, to: nil)
            case .stays: target = nil
            case .moves(let to): target = to
            }
            if let target { session.state = target }
            session.updatedAt = Timestamp.now()
            update(&session)
            try session.update(db)
            guard let target else { return (session, nil) }
            try TransitionRecord(
                id: nil, sessionId: sessionId, fromState: from, toState: target, runId: runId, cause: cause, createdAt: session.updatedAt
            ).insert(db)
            return (session, (from, target))
        }
    }

    public func history(sessionId: String) async throws -> [TransitionRecord] {
        try await pool.read { db in
            try TransitionRecord.filter(TransitionRecord.CodingKeys.sessionId == sessionId).order(TransitionRecord.CodingKeys.id).fetchAll(db)
        }
    }

    @discardableResult
    public func updateSession(id: String, _ update: @escaping @Sendable (inout SessionRecord) -> Void) async throws -> SessionRecord {
        try await pool.write { db in
            guard var session = try SessionRecord.fetchOne(db, key: id) else { throw StoreError.notFound }
            update(&session)
            session.updatedAt = Timestamp.now()
            try session.update(db)
            return session
        }
    }

    // MARK: Runs and events

    /// Admits a run: one active run per session, under the cost cap, not cancelled.
    public func createRun(sessionId: String, content: String, tenantRunLimit: Int? = nil) async throws -> RunRecord {
        try await pool.write { db in
            guard var session = try SessionRecord.fetchOne(db, key: sessionId) else { throw StoreError.notFound }
            if let active = session.activeRunId { throw StoreError.runInProgress(runId: active) }
            if let tenantRunLimit {
                let active = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM sessions WHERE tenant_id = ? AND active_run_id IS NOT NULL", arguments: [session.tenantId]) ?? 0
                guard active < tenantRunLimit else { throw StoreError.tooManyRuns(active: active, limit: tenantRunLimit) }
            }
            if Workflow.outcome(of: .startRun, from: session.state) == .refused {
                throw StoreError.invalidTransition(from: session.state, to: nil)
            }
            if session.costUsd >= session.costCapUsd {
                throw StoreError.costCapReached(costUsd: session.costUsd, capUsd: session.costCapUsd)
            }
            let now = Timestamp.now()
            let run = RunRecord(
                id: Identifier.make("run"), sessionId: sessionId, content: content, status: .queued, createdAt: now,
                endedAt: nil, terminalReason: nil, provider: nil, model: nil, inputTokens: 0, outputTokens: 0, costUsd: 0, lastSeq: 0
            )
            try run.insert(db)
            session.activeRunId = run.id
            session.updatedAt = now
            try session.update(db)
            return run
        }
    }

    public func run(id: String, sessionId: String) async throws -> RunRecord? {
        try await pool.read { db in
            try RunRecord.filter(RunRecord.CodingKeys.id == id && RunRecord.CodingKeys.sessionId == sessionId).fetchOne(db)
        }
    }

    public func runs(sessionId: String) async throws -> [RunRecord] {
        try await pool.read { db in
            try RunRecord.filter(RunRecord.CodingKeys.sessionId == sessionId).order(RunRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }

    public func markRunning(runId: String, provider: String, model: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET status = 'running', provider = ?, model = ? WHERE id = ? AND status = 'queued'",
                arguments: [provider, model, runId]
            )
        }
    }

    /// Persists a batch of events — of any number of runs — in one transaction (group commit).
    /// A terminal event also ends its run and frees the session for its next message in the
    /// same transaction, so no client can see the terminal event while the session still
    /// shows the run as active; its run's open approvals expire with it.
    /// `workerSeqs`: per run, the worker frame (`wseq`) these events complete, stored in the
    /// same transaction, so after a crash the mark never claims an event that is not there,
    /// nor misses one that is (a batch may carry marks and no events). It is the run's current
    /// worker's number: a run resumed on a fresh worker starts again from 0.
    public func append(_ events: [EventRecord], terminalReasons: [String: String] = [:], workerSeqs: [String: Int] = [:]) async throws {
        guard !events.isEmpty || !workerSeqs.isEmpty else { return }
        try await pool.write { db in
            // One prepared statement for the whole batch (and kept by the connection): the
            // per-event cost is binding seven values and a step.
            let insert = try db.cachedStatement(sql: EventRecord.insertSQL)
            var lastSeq: [String: Int] = [:]
            for event in events {
                insert.setUncheckedArguments(event.insertArguments)
                try insert.execute()
                lastSeq[event.runId] = max(lastSeq[event.runId] ?? 0, event.seq)
                guard let status = event.type.terminalStatus else { continue }
                try db.execute(
                    sql: "UPDATE runs SET status = ?, terminal_reason = ?, ended_at = ? WHERE id = ?",
                    arguments: [status, terminalReasons[event.runId], event.ts, event.runId]
                )
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO run_ledger (run_id, tenant_id, session_id, status, reason, provider, model, cost_usd, created_at, ended_at)
                        SELECT r.id, s.tenant_id, r.session_id, r.status, r.terminal_reason, r.provider, r.model, r.cost_usd, r.created_at, r.ended_at
                        FROM runs r JOIN sessions s ON s.id = r.session_id WHERE r.id = ?
                        """,
                    arguments: [event.runId])
                try db.execute(
                    sql: "UPDATE sessions SET active_run_id = NULL, updated_at = ? WHERE id = ? AND active_run_id = ?",
                    arguments: [event.ts, event.sessionId, event.runId]
                )
                // Decisions can no longer reach the run: expire its open approvals with it.
                try db.execute(
                    sql: "UPDATE approvals SET status = 'expired', decided_at = ? WHERE run_id = ? AND status = 'pending'",
                    arguments: [event.ts, event.runId]
                )
            }
            for (runId, seq) in lastSeq {
                try db.execute(sql: "UPDATE runs SET last_seq = ? WHERE id = ?", arguments: [seq, runId])
            }
            for (runId, wseq) in workerSeqs {
                try db.execute(sql: "UPDATE runs SET worker_seq = ? WHERE id = ?", arguments: [wseq, runId])
            }
        }
    }

    /// The highest worker frame of `runId` whose effects are persisted (0: none, or unknown run).
    public func workerSeq(runId: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT worker_seq FROM runs WHERE id = ?", arguments: [runId]) ?? 0
        }
    }

    /// Events of a run after `seq`, in order.
    public func events(runId: String, after seq: Int = 0) async throws -> [EventRecord] {
        try await pool.read { db in
            let select = try db.cachedStatement(sql: "SELECT \(EventRecord.columnList) FROM events WHERE run_id = ? AND seq > ? ORDER BY seq")
            select.setUncheckedArguments([runId, seq])
            var events: [EventRecord] = []
            let rows = try Row.fetchCursor(select)
            while let row = try rows.next() { events.append(try EventRecord(columns: row)) }
            return events
        }
    }

    /// The text a run's `assistant_delta` events carry, in order, joined (SQLite extracts it
    /// from the stored payloads: no event is decoded here).
    public func assistantText(runId: String) async throws -> String {
        try await pool.read { db in
            let select = try db.cachedStatement(
                sql: "SELECT json_extract(payload, '$.text') FROM events WHERE run_id = ? AND type = 'assistant_delta' ORDER BY seq")
            select.setUncheckedArguments([runId])
            var text = ""
            let pieces = try String?.fetchCursor(select)
            while let piece = try pieces.next() { text += piece ?? "" }
            return text
        }
    }

    public func event(id: String) async throws -> EventRecord? {
        try await pool.read { db in try EventRecord.fetchOne(db, key: id) }
    }

    /// Adds priced usage to the run, the session and the tenant's ledger; returns the session's
    /// new totals.
    public func addUsage(
        runId: String, sessionId: String, provider: String = "", model: String = "", inputTokens: Int, outputTokens: Int, costUsd: Double
    ) async throws -> SessionRecord {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, cost_usd = cost_usd + ? WHERE id = ?",
                arguments: [inputTokens, outputTokens, costUsd, runId]
            )
            guard var session = try SessionRecord.fetchOne(db, key: sessionId) else { throw StoreError.notFound }
            session.inputTokens += inputTokens
            session.outputTokens += outputTokens
            session.costUsd += costUsd
            session.updatedAt = Timestamp.now()
            try session.update(db)
            try db.execute(
                sql: """
                    INSERT INTO usage_ledger (tenant_id, session_id, run_id, provider, model, input_tokens, output_tokens, cost_usd, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [session.tenantId, sessionId, runId, provider, model, inputTokens, outputTokens, costUsd, session.updatedAt])
            return session
        }
    }

    /// Runs that were admitted but never ended (the gateway died under them).
    public func unfinishedRuns() async throws -> [RunRecord] {
        try await pool.read { db in
            try RunRecord.filter([RunStatus.queued, RunStatus.running].contains(RunRecord.CodingKeys.status)).fetchAll(db)
        }
    }

    // MARK: Approvals

    public func insert(_ approval: ApprovalRecord) async throws {
        try await pool.write { db in try approval.insert(db) }
    }

    public func approvals(sessionId: String, pendingOnly: Bool) async throws -> [ApprovalRecord] {
        try await pool.read { db in
            var request = ApprovalRecord.filter(ApprovalRecord.CodingKeys.sessionId == sessionId)
            if pendingOnly { request = request.filter(ApprovalRecord.CodingKeys.status == ApprovalStatus.pending) }
            return try request.order(ApprovalRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }

    public func approval(id: String, sessionId: String) async throws -> ApprovalRecord? {
        try await pool.read { db in
            try ApprovalRecord.filter(ApprovalRecord.CodingKeys.id == id && ApprovalRecord.CodingKeys.sessionId == sessionId).fetchOne(db)
        }
    }

    /// Decides a pending approval exactly once, with its audit row, atomically.
    public func decide(
        approvalId: String, sessionId: String, status: ApprovalStatus, by: Decider, reason: String?
    ) async throws -> ApprovalRecord {
        try await pool.write { db in
            guard var approval = try ApprovalRecord.filter(
                ApprovalRecord.CodingKeys.id == approvalId && ApprovalRecord.CodingKeys.sessionId == sessionId
            ).fetchOne(db) else { throw StoreError.notFound }
            guard approval.status == .pending else { throw StoreError.alreadyDecided(status: approval.status) }
            approval.status = status
            approval.decidedAt = Timestamp.now()
            approval.decidedBy = by
            approval.reason = reason
            try approval.update(db)
            let details = try String(data: JSONSerialization.data(withJSONObject: [
                "approval_id": approval.id, "tool": approval.tool, "tool_call_id": approval.toolCallId, "reason": reason ?? "",
            ], options: [.sortedKeys]), encoding: .utf8)
            try AuditRecord(
                id: nil, sessionId: sessionId, runId: approval.runId, actor: by.rawValue, action: "approval_\(status.rawValue)", path: nil,
                beforeSha256: nil, afterSha256: nil, details: details, createdAt: approval.decidedAt!
            ).insert(db)
            return approval
        }
    }

    /// Marks a run's still-pending approvals `expired` (the run ended without a decision).
    public func expirePendingApprovals(runId: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE approvals SET status = 'expired', decided_at = ? WHERE run_id = ? AND status = 'pending'",
                arguments: [Timestamp.now(), runId]
            )
        }
    }

    // MARK: Audit and files

    public func audit(_ record: AuditRecord) async throws {
        try await pool.write { db in try record.insert(db) }
    }

    public func audit(sessionId: String) async throws -> [AuditRecord] {
        try await pool.read { db in
            try AuditRecord.filter(AuditRecord.CodingKeys.sessionId == sessionId).order(AuditRecord.CodingKeys.id).fetchAll(db)
        }
    }

    /// Records a new version of a file, keeping the previous one and auditing the change.
    public func recordWrite(file: FileRecord, previous: FileRecord?, runId: String?, actor: String, action: String) async throws {
        try await pool.write { db in
            if let previous {
                try FileVersionRecord(
                    sessionId: previous.sessionId, path: previous.path, version: previous.version, sha256: previous.sha256,
                    size: previous.size, runId: runId, createdAt: previous.updatedAt
                ).insert(db, onConflict: .replace)
            }
            try file.insert(db, onConflict: .replace)
            try AuditRecord(
                id: nil, sessionId: file.sessionId, runId: runId, actor: actor, action: action, path: file.path,
                beforeSha256: previous?.sha256, afterSha256: file.sha256, details: nil, createdAt: file.updatedAt
            ).insert(db)
        }
    }

    public func files(sessionId: String) async throws -> [FileRecord] {
        try await pool.read { db in
            try FileRecord.filter(FileRecord.CodingKeys.sessionId == sessionId).order(FileRecord.CodingKeys.path).fetchAll(db)
        }
    }

    public func file(sessionId: String, path: String) async throws -> FileRecord? {
        try await pool.read { db in
            try FileRecord.filter(FileRecord.CodingKeys.sessionId == sessionId && FileRecord.CodingKeys.path == path).fetchOne(db)
        }
    }

    public func versions(sessionId: String, path: String) async throws -> [FileVersionRecord] {
        try await pool.read { db in
            try FileVersionRecord.filter(FileVersionRecord.CodingKeys.sessionId == sessionId && FileVersionRecord.CodingKeys.path == path)
                .order(FileVersionRecord.CodingKeys.version).fetchAll(db)
        }
    }

    // MARK: Health

    public func ping() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

import Contract
import GRDB

/// A tenant: whose sessions, tokens and budget these are.
public struct TenantRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "tenants"
    public var id: String
    public var name: String
    public var createdAt: String
    public var limits: TenantLimits

    public init(id: String, name: String, createdAt: String, limits: TenantLimits) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.limits = limits
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, createdAt = "created_at", dailyBudgetUsd = "daily_budget_usd", maxSessions = "max_sessions"
        case maxConcurrentRuns = "max_concurrent_runs", storageMb = "storage_mb", requestsPerMinute = "requests_per_minute"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        createdAt = try container.decode(String.self, forKey: .createdAt)
        limits = TenantLimits(
            dailyBudgetUsd: try container.decodeIfPresent(Double.self, forKey: .dailyBudgetUsd),
            maxSessions: try container.decodeIfPresent(Int.self, forKey: .maxSessions),
            maxConcurrentRuns: try container.decodeIfPresent(Int.self, forKey: .maxConcurrentRuns),
            storageMb: try container.decodeIfPresent(Int.self, forKey: .storageMb),
            requestsPerMinute: try container.decodeIfPresent(Int.self, forKey: .requestsPerMinute))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(limits.dailyBudgetUsd, forKey: .dailyBudgetUsd)
        try container.encode(limits.maxSessions, forKey: .maxSessions)
        try container.encode(limits.maxConcurrentRuns, forKey: .maxConcurrentRuns)
        try container.encode(limits.storageMb, forKey: .storageMb)
        try container.encode(limits.requestsPerMinute, forKey: .requestsPerMinute)
    }
}

/// An API token: its hash (never the secret), its tenant, whether it administers the service.
public struct TokenRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "api_tokens"
    public var id: String
    public var tokenSha256: String
    public var tenantId: String
    public var admin: Bool
    public var createdAt: String
    public var lastUsedAt: String?
    public var revokedAt: String?

    public init(id: String, tokenSha256: String, tenantId: String, admin: Bool, createdAt: String, lastUsedAt: String?, revokedAt: String?) {
        self.id = id
        self.tokenSha256 = tokenSha256
        self.tenantId = tenantId
        self.admin = admin
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, tokenSha256 = "token_sha256", tenantId = "tenant_id", admin, createdAt = "created_at"
        case lastUsedAt = "last_used_at", revokedAt = "revoked_at"
    }
}

/// A tailoring session: one person, one resume, one target job.
public struct SessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sessions"
    public var id: String
    public var tenantId: String
    public var state: SessionState
    public var autoApprove: Bool
    public var createdAt: String
    public var updatedAt: String
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUsd: Double
    public var costCapUsd: Double
    public var activeRunId: String?
    /// The job description's metadata (title, company, source URL) as JSON.
    public var jdJson: String?

    public init(id: String, tenantId: String, state: SessionState, autoApprove: Bool, createdAt: String, updatedAt: String, inputTokens: Int, outputTokens: Int, costUsd: Double, costCapUsd: Double, activeRunId: String?, jdJson: String?) {
        self.id = id
        self.tenantId = tenantId
        self.state = state
        self.autoApprove = autoApprove
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUsd = costUsd
        self.costCapUsd = costCapUsd
        self.activeRunId = activeRunId
        self.jdJson = jdJson
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, tenantId = "tenant_id", state, autoApprove = "auto_approve", createdAt = "created_at"
        case updatedAt = "updated_at", inputTokens = "input_tokens", outputTokens = "output_tokens"
        case costUsd = "cost_usd", costCapUsd = "cost_cap_usd", activeRunId = "active_run_id", jdJson = "jd_json"
    }
}

/// One workflow transition, stored with the run that caused it.
public struct TransitionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "transitions"
    public var id: Int64?
    public var sessionId: String
    public var fromState: SessionState?
    public var toState: SessionState
    public var runId: String?
    public var cause: String
    public var createdAt: String

    public init(id: Int64?, sessionId: String, fromState: SessionState?, toState: SessionState, runId: String?, cause: String, createdAt: String) {
        self.id = id
        self.sessionId = sessionId
        self.fromState = fromState
        self.toState = toState
        self.runId = runId
        self.cause = cause
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, sessionId = "session_id", fromState = "from_state", toState = "to_state", runId = "run_id"
        case cause, createdAt = "created_at"
    }
}

/// A run: one user message and everything the agent did about it.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runs"
    public var id: String
    public var sessionId: String
    public var content: String
    public var status: RunStatus
    public var createdAt: String
    public var endedAt: String?
    public var terminalReason: String?
    public var provider: String?
    public var model: String?
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUsd: Double
    public var lastSeq: Int

    public init(id: String, sessionId: String, content: String, status: RunStatus, createdAt: String, endedAt: String?, terminalReason: String?, provider: String?, model: String?, inputTokens: Int, outputTokens: Int, costUsd: Double, lastSeq: Int) {
        self.id = id
        self.sessionId = sessionId
        self.content = content
        self.status = status
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.terminalReason = terminalReason
        self.provider = provider
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUsd = costUsd
        self.lastSeq = lastSeq
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, sessionId = "session_id", content, status, createdAt = "created_at", endedAt = "ended_at"
        case terminalReason = "terminal_reason", provider, model, inputTokens = "input_tokens"
        case outputTokens = "output_tokens", costUsd = "cost_usd", lastSeq = "last_seq"
    }

    public var isTerminal: Bool { status.isTerminal }
}

/// A persisted event of a run's stream. `payload` is the JSON text of the envelope's payload.
public struct EventRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "events"
    public var id: String
    public var runId: String
    public var sessionId: String
    public var seq: Int
    public var type: EventType
    public var ts: String
    public var payload: String

    public init(id: String, runId: String, sessionId: String, seq: Int, type: EventType, ts: String, payload: String) {
        self.id = id
        self.runId = runId
        self.sessionId = sessionId
        self.seq = seq
        self.type = type
        self.ts = ts
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, runId = "run_id", sessionId = "session_id", seq, type, ts, payload
    }

    public var isTerminal: Bool { type.isTerminal }

    // Hand-written row mapping: events are read and written by the thousand (a replay, a
    // model streaming at full speed), and the Codable route costs more than the query.

    public init(row: Row) throws {
        id = try row.decode(forColumn: CodingKeys.id.rawValue)
        runId = try row.decode(forColumn: CodingKeys.runId.rawValue)
        sessionId = try row.decode(forColumn: CodingKeys.sessionId.rawValue)
        seq = try row.decode(forColumn: CodingKeys.seq.rawValue)
        type = try row.decode(forColumn: CodingKeys.type.rawValue)
        ts = try row.decode(forColumn: CodingKeys.ts.rawValue)
        payload = try row.decode(forColumn: CodingKeys.payload.rawValue)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[CodingKeys.id] = id
        container[CodingKeys.runId] = runId
        container[CodingKeys.sessionId] = sessionId
        container[CodingKeys.seq] = seq
        container[CodingKeys.type] = type
        container[CodingKeys.ts] = ts
        container[CodingKeys.payload] = payload
    }

    /// The columns in the order ``init(columns:)`` and ``insertArguments`` use.
    static let columnList = "id, run_id, session_id, seq, type, ts, payload"
    static let insertSQL = "INSERT INTO events (\(columnList)) VALUES (?, ?, ?, ?, ?, ?, ?)"

    /// From a row selecting exactly ``columnList``, by position.
    init(columns row: Row) throws {
        id = try row.decode(atIndex: 0)
        runId = try row.decode(atIndex: 1)
        sessionId = try row.decode(atIndex: 2)
        seq = try row.decode(atIndex: 3)
        type = try row.decode(atIndex: 4)
        ts = try row.decode(atIndex: 5)
        payload = try row.decode(atIndex: 6)
    }

    var insertArguments: StatementArguments {
        [id, runId, sessionId, seq, type.rawValue, ts, payload]
    }
}

/// A write tool call waiting for (or past) a person's decision.
public struct ApprovalRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "approvals"
    public var id: String
    public var sessionId: String
    public var runId: String
    public var toolCallId: String
    public var tool: String
    public var arguments: String
    public var diff: String?
    public var truthFlags: String
    public var status: ApprovalStatus
    public var createdAt: String
    public var decidedAt: String?
    public var decidedBy: Decider?
    public var reason: String?

    public init(id: String, sessionId: String, runId: String, toolCallId: String, tool: String, arguments: String, diff: String?, truthFlags: String, status: ApprovalStatus, createdAt: String, decidedAt: String?, decidedBy: Decider?, reason: String?) {
        self.id = id
        self.sessionId = sessionId
        self.runId = runId
        self.toolCallId = toolCallId
        self.tool = tool
        self.arguments = arguments
        self.diff = diff
        self.truthFlags = truthFlags
        self.status = status
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, sessionId = "session_id", runId = "run_id", toolCallId = "tool_call_id", tool, arguments, diff
        case truthFlags = "truth_flags", status, createdAt = "created_at", decidedAt = "decided_at"
        case decidedBy = "decided_by", reason
    }
}

/// Who did what to a session, when: every decision and every file mutation.
public struct AuditRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"
    public var id: Int64?
    public var sessionId: String
    public var runId: String?
    public var actor: String
    public var action: String
    public var path: String?
    public var beforeSha256: String?
    public var afterSha256: String?
    public var details: String?
    public var createdAt: String

    public init(id: Int64?, sessionId: String, runId: String?, actor: String, action: String, path: String?, beforeSha256: String?, afterSha256: String?, details: String?, createdAt: String) {
        self.id = id
        self.sessionId = sessionId
        self.runId = runId
        self.actor = actor
        self.action = action
        self.path = path
        self.beforeSha256 = beforeSha256
        self.afterSha256 = afterSha256
        self.details = details
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, sessionId = "session_id", runId = "run_id", actor, action, path
        case beforeSha256 = "before_sha256", afterSha256 = "after_sha256", details, createdAt = "created_at"
    }
}

/// A workspace file's current version.
public struct FileRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "files"
    public var sessionId: String
    public var path: String
    public var size: Int
    public var contentType: String
    public var sha256: String
    public var version: Int
    public var updatedAt: String

    public init(sessionId: String, path: String, size: Int, contentType: String, sha256: String, version: Int, updatedAt: String) {
        self.sessionId = sessionId
        self.path = path
        self.size = size
        self.contentType = contentType
        self.sha256 = sha256
        self.version = version
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case sessionId = "session_id", path, size, contentType = "content_type", sha256, version, updatedAt = "updated_at"
    }
}

/// A kept earlier version of a workspace file.
public struct FileVersionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "file_versions"
    public var sessionId: String
    public var path: String
    public var version: Int
    public var sha256: String
    public var size: Int
    public var runId: String?
    public var createdAt: String

    public init(sessionId: String, path: String, version: Int, sha256: String, size: Int, runId: String?, createdAt: String) {
        self.sessionId = sessionId
        self.path = path
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.runId = runId
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case sessionId = "session_id", path, version, sha256, size, runId = "run_id", createdAt = "created_at"
    }
}

// The contract's enums are stored as their raw strings.
extension SessionState: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}
extension EventType: DatabaseValueConvertible {}
extension ApprovalStatus: DatabaseValueConvertible {}
extension Decider: DatabaseValueConvertible {}

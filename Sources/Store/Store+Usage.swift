import Contract
import Foundation
import GRDB

/// The usage ledger, summed for the dashboard and `resume-agent usage`.
public struct UsageSummary: Sendable, Codable, Equatable {
    public struct TenantTotal: Sendable, Codable, Equatable {
        public var tenant: String
        public var tenantId: String
        public var costUsd: Double
        public var inputTokens: Int
        public var outputTokens: Int
        public var runs: Int
        public var failedRuns: Int
        public var interruptedRuns: Int

        enum CodingKeys: String, CodingKey {
            case tenant, tenantId = "tenant_id", costUsd = "cost_usd", inputTokens = "input_tokens", outputTokens = "output_tokens"
            case runs, failedRuns = "failed_runs", interruptedRuns = "interrupted_runs"
        }
    }

    public struct DayCost: Sendable, Codable, Equatable {
        public var day: String
        public var tenant: String
        public var costUsd: Double

        enum CodingKeys: String, CodingKey {
            case day, tenant, costUsd = "cost_usd"
        }
    }

    public struct ModelTotal: Sendable, Codable, Equatable {
        public var provider: String
        public var model: String
        public var costUsd: Double
        public var inputTokens: Int
        public var outputTokens: Int

        enum CodingKeys: String, CodingKey {
            case provider, model, costUsd = "cost_usd", inputTokens = "input_tokens", outputTokens = "output_tokens"
        }
    }

    public struct Outcome: Sendable, Codable, Equatable {
        public var status: String
        public var reason: String?
        public var count: Int

        /// A run that ended without a reason (completed) says so with `"reason": null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
            try container.encode(count, forKey: .count)
        }
    }

    public struct SessionCost: Sendable, Codable, Equatable {
        public var sessionId: String
        public var tenant: String
        public var costUsd: Double

        enum CodingKeys: String, CodingKey {
            case sessionId = "session_id", tenant, costUsd = "cost_usd"
        }
    }

    public var since: String
    public var totalCostUsd: Double
    public var tenants: [TenantTotal]
    public var days: [DayCost]
    public var models: [ModelTotal]
    public var outcomes: [Outcome]
    public var topSessions: [SessionCost]

    /// The JSON names are fixed here, not by an encoder's key strategy: the CLI's `--json` and
    /// the API's `/admin/usage` print this value and must agree field for field.
    enum CodingKeys: String, CodingKey {
        case since, totalCostUsd = "total_cost_usd", tenants, days, models, outcomes, topSessions = "top_sessions"
    }
}

extension Store {
    /// Cost, tokens and run outcomes since `start` (RFC 3339 UTC), per tenant, day and model.
    public func usage(since start: String) async throws -> UsageSummary {
        try await pool.read { db in try Self.usage(db, since: start) }
    }

    /// The same, synchronously (for the CLI).
    public func usageNow(since start: String) throws -> UsageSummary {
        try pool.read { db in try Self.usage(db, since: start) }
    }

    private static func usage(_ db: Database, since start: String) throws -> UsageSummary {
        var tenants: [String: UsageSummary.TenantTotal] = [:]
        for tenant in try TenantRecord.fetchAll(db) {
            tenants[tenant.id] = .init(tenant: tenant.name, tenantId: tenant.id, costUsd: 0, inputTokens: 0, outputTokens: 0, runs: 0, failedRuns: 0, interruptedRuns: 0)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT tenant_id, SUM(cost_usd) AS cost, SUM(input_tokens) AS input, SUM(output_tokens) AS output
            FROM usage_ledger WHERE created_at >= ? GROUP BY tenant_id
            """, arguments: [start]) {
            let id: String = row["tenant_id"]
            tenants[id]?.costUsd = row["cost"]
            tenants[id]?.inputTokens = row["input"]
            tenants[id]?.outputTokens = row["output"]
        }
        var outcomes: [UsageSummary.Outcome] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT tenant_id, status, reason, COUNT(*) AS n FROM run_ledger WHERE ended_at >= ? GROUP BY tenant_id, status, reason
            """, arguments: [start]) {
            let id: String = row["tenant_id"], status: String = row["status"], count: Int = row["n"]
            tenants[id]?.runs += count
            if status == RunStatus.failed.rawValue { tenants[id]?.failedRuns += count }
            if status == RunStatus.interrupted.rawValue { tenants[id]?.interruptedRuns += count }
            let reason: String? = row["reason"]
            if let index = outcomes.firstIndex(where: { $0.status == status && $0.reason == reason }) {
                outcomes[index].count += count
            } else {
                outcomes.append(.init(status: status, reason: reason, count: count))
            }
        }
        let names = tenants.mapValues(\.tenant)
        let days = try Row.fetchAll(db, sql: """
            SELECT substr(created_at, 1, 10) AS day, tenant_id, SUM(cost_usd) AS cost FROM usage_ledger
            WHERE created_at >= ? GROUP BY day, tenant_id ORDER BY day, tenant_id
            """, arguments: [start]).map { row in
            UsageSummary.DayCost(day: row["day"], tenant: names[row["tenant_id"] as String] ?? row["tenant_id"], costUsd: row["cost"])
        }
        let models = try Row.fetchAll(db, sql: """
            SELECT provider, model, SUM(cost_usd) AS cost, SUM(input_tokens) AS input, SUM(output_tokens) AS output FROM usage_ledger
            WHERE created_at >= ? GROUP BY provider, model ORDER BY cost DESC, provider, model
            """, arguments: [start]).map { row in
            UsageSummary.ModelTotal(provider: row["provider"], model: row["model"], costUsd: row["cost"], inputTokens: row["input"], outputTokens: row["output"])
        }
        let top = try Row.fetchAll(db, sql: """
            SELECT session_id, tenant_id, SUM(cost_usd) AS cost FROM usage_ledger WHERE created_at >= ? AND session_id IS NOT NULL
            GROUP BY session_id ORDER BY cost DESC, session_id LIMIT 10
            """, arguments: [start]).map { row in
            UsageSummary.SessionCost(sessionId: row["session_id"], tenant: names[row["tenant_id"] as String] ?? "", costUsd: row["cost"])
        }
        let ordered = tenants.values.sorted { ($0.costUsd, $1.tenant) > ($1.costUsd, $0.tenant) }
        return UsageSummary(
            since: start, totalCostUsd: ordered.reduce(0) { $0 + $1.costUsd }, tenants: ordered, days: days, models: models,
            outcomes: outcomes.sorted { ($1.count, $0.status, $0.reason ?? "") < ($0.count, $1.status, $1.reason ?? "") }, topSessions: top)
    }
}

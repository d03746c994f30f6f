import Foundation
import IPC
import Store

/// What `/admin` shows: the usage ledger summed since a time (exactly what `resume-agent usage
/// --json` prints for the same `since`), and what only the running gateway knows — each
/// tenant's spend today against the daily budget it enforces, and the worker pool.
struct AdminUsageReport: Sendable {
    /// A tenant now, against the limits the guard enforces (nil: no limit of that kind): its
    /// spend since midnight UTC against its daily budget, its sessions and stored bytes against
    /// their quotas, its runs in progress.
    struct Budget: Sendable, Equatable {
        var tenant: String
        var tenantId: String
        var spentTodayUsd: Double
        var limits: TenantLimits
        var sessions: Int
        var storageBytes: Int
        var activeRuns: Int

        var dailyBudgetUsd: Double? { limits.dailyBudgetUsd }
        /// New runs get 402 `budget_exceeded` (and a running one is stopped) while true.
        var exhausted: Bool { dailyBudgetUsd.map { spentTodayUsd >= $0 } ?? false }
        var budgetLeftUsd: Double? { dailyBudgetUsd.map { max(0, $0 - spentTodayUsd) } }
        /// As the storage guard counts a megabyte.
        var storageLimitBytes: Int? { limits.storageMb.map { $0 * 1024 * 1024 } }
    }

    /// The worker pool now.
    struct Pool: Sendable, Equatable {
        var idleWorkers: Int
        var busyWorkers: Int
        var queueDepth: Int
        var activeRuns: Int
        var draining: Bool
    }

    /// The `since` as the caller gave it (`7d`); the summary carries the time it resolved to.
    var window: String
    var summary: UsageSummary
    /// Midnight UTC today: where the budgets' day starts.
    var budgetDayStart: String
    var budgets: [Budget]
    var pool: Pool
    var generatedAt: String

    /// The response body: the summary's own JSON (the CLI's encoding of the same value), with
    /// the gateway's additions beside it.
    func json() throws -> JSONValue {
        guard case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(summary)) else {
            throw APIError(.internalServerError, "internal", "The usage report could not be encoded.")
        }
        object["window"] = .string(window)
        object["generated_at"] = .string(generatedAt)
        object["budget_day_start"] = .string(budgetDayStart)
        object["budgets"] = .array(budgets.map { budget in
            func optional(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
            return [
                "tenant": .string(budget.tenant), "tenant_id": .string(budget.tenantId), "spent_today_usd": .number(budget.spentTodayUsd),
                "daily_budget_usd": budget.dailyBudgetUsd.map(JSONValue.number) ?? .null, "exhausted": .bool(budget.exhausted),
                "budget_left_usd": budget.budgetLeftUsd.map(JSONValue.number) ?? .null,
                "sessions": .number(Double(budget.sessions)), "max_sessions": optional(budget.limits.maxSessions),
                "storage_bytes": .number(Double(budget.storageBytes)), "storage_limit_bytes": optional(budget.storageLimitBytes),
                "active_runs": .number(Double(budget.activeRuns)), "max_concurrent_runs": optional(budget.limits.maxConcurrentRuns),
                "requests_per_minute": optional(budget.limits.requestsPerMinute),
            ]
        })
        object["pool"] = [
            "idle_workers": .number(Double(pool.idleWorkers)), "busy_workers": .number(Double(pool.busyWorkers)),
            "queue_depth": .number(Double(pool.queueDepth)), "active_runs": .number(Double(pool.activeRuns)), "draining": .bool(pool.draining),
        ]
        return .object(object)
    }

    /// `#/components/schemas/AdminUsage` (responses carry at least these fields).
    static var schema: Schema {
        func shape(_ properties: [(String, Schema)], required: [String]? = nil) -> Schema {
            .object(properties, required: required ?? properties.map(\.0), additionalProperties: true)
        }
        let text = Schema.string(), usd = Schema.number(minimum: 0), count = Schema.integer(minimum: 0)
        let time = Schema.string(format: "date-time")
        let tokens: [(String, Schema)] = [("input_tokens", count), ("output_tokens", count)]
        return shape([
            ("since", time), ("window", text), ("generated_at", time), ("budget_day_start", time), ("total_cost_usd", usd),
            ("tenants", .array(shape([("tenant", text), ("tenant_id", text), ("cost_usd", usd)] + tokens
                + [("runs", count), ("failed_runs", count), ("interrupted_runs", count)]))),
            ("days", .array(shape([("day", .string(format: "date")), ("tenant", text), ("cost_usd", usd)]))),
            ("models", .array(shape([("provider", text), ("model", text), ("cost_usd", usd)] + tokens))),
            ("outcomes", .array(shape([("status", text), ("reason", .nullable(text)), ("count", count)]))),
            ("top_sessions", .array(shape([("session_id", text), ("tenant", text), ("cost_usd", usd)]))),
            ("budgets", .array(shape([
                ("tenant", text), ("tenant_id", text), ("spent_today_usd", usd), ("daily_budget_usd", .nullable(usd)), ("exhausted", .boolean),
                ("budget_left_usd", .nullable(usd)), ("sessions", count), ("max_sessions", .nullable(count)), ("storage_bytes", count),
                ("storage_limit_bytes", .nullable(count)), ("active_runs", count), ("max_concurrent_runs", .nullable(count)),
                ("requests_per_minute", .nullable(count)),
            ]))),
            ("pool", shape([
                ("idle_workers", count), ("busy_workers", count), ("queue_depth", count), ("active_runs", count), ("draining", .boolean),
            ])),
        ])
    }
}

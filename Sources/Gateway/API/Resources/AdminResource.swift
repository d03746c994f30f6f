import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// The operator's view across tenants (an administrator's token): the usage and cost numbers
/// the `/admin` dashboard draws.
struct AdminResource: Sendable {
    let api: APIServices

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/admin/usage",
                summary: "Cost, tokens and run outcomes per tenant, day, model and session since a time (`since`: today, 24h, 7d, 30d or an RFC 3339 time; default 7d), "
                    + "each tenant now against its limits (spend today and budget left, sessions, stored bytes, runs in progress), and the worker pool (an administrator's token; the numbers `resume-agent usage --json` prints)",
                access: .admin, query: [("since", .string(maxLength: 64, pattern: UsageWindow.pattern))], status: .ok,
                output: .json(.ref("AdminUsage"))
            ) { request, _, _ in
                let since = request.uri.queryParameters.get("since") ?? "7d"
                guard let start = UsageWindow.start(of: since) else {
                    throw APIError.invalidRequest("'since' takes \(UsageWindow.accepted).", details: ["parameter": "since"])
                }
                return JSONBody.response(try await report(window: since, start: start).json())
            },
        ]
    }

    /// The report for the window starting at `start` (RFC 3339 UTC).
    func report(window: String, start: String) async throws -> AdminUsageReport {
        let summary = try await api.store.usage(since: start)
        let dayStart = TenantGuard.startOfToday()
        var budgets: [AdminUsageReport.Budget] = []
        for tenant in summary.tenants.sorted(by: { $0.tenant < $1.tenant }) {
            // The same limits and the same sums the guard checks before admitting a run, a session or a write.
            let id = tenant.tenantId
            budgets.append(.init(
                tenant: tenant.tenant, tenantId: id, spentTodayUsd: try await api.store.spend(tenantId: id, since: dayStart),
                limits: try await api.tenants.limits(of: id), sessions: try await api.store.sessionCount(tenantId: id),
                storageBytes: try await api.store.storageBytes(tenantId: id), activeRuns: try await api.store.activeRunCount(tenantId: id)))
        }
        let status = await api.pool.status
        let pool = AdminUsageReport.Pool(
            idleWorkers: status.idlePids.count, busyWorkers: status.busyPids.count, queueDepth: await api.pool.queuedRuns,
            activeRuns: status.activeRuns, draining: await api.runs.isDraining)
        return AdminUsageReport(
            window: window, summary: summary, budgetDayStart: dayStart, budgets: budgets, pool: pool, generatedAt: Timestamp.now())
    }
}

import Foundation
import IPC
import Store

/// A tenant's limits, checked where they bind: sessions and storage (403 `quota_exceeded`),
/// the daily budget (402 `budget_exceeded`), concurrent runs (429 `rate_limited`).
struct TenantGuard: Sendable {
    let store: Store
    let defaults: TenantLimits

    /// The tenant's limits with the operator's defaults filled in.
    func limits(of tenantId: String) async throws -> TenantLimits {
        let own = try await store.tenant(id: tenantId)?.limits ?? TenantLimits()
        return own.resolved(defaults: defaults)
    }

    /// Midnight UTC today, as stored timestamps are written.
    static func startOfToday(now: Date = Date()) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        return Timestamp.format(seconds: seconds - seconds % 86_400, milliseconds: 0)
    }

    /// Refuses a new run when the tenant's daily budget is spent.
    func checkBudget(tenantId: String, limits: TenantLimits) async throws {
        guard let budget = limits.dailyBudgetUsd else { return }
        let spent = try await store.spend(tenantId: tenantId, since: Self.startOfToday())
        guard spent < budget else { throw APIError.budgetExceeded(spent: spent, budget: budget) }
    }

    /// True once the tenant has spent its daily budget (a running run is then stopped).
    func budgetSpent(tenantId: String) async -> Bool {
        guard let limits = try? await limits(of: tenantId), let budget = limits.dailyBudgetUsd,
              let spent = try? await store.spend(tenantId: tenantId, since: Self.startOfToday()) else { return false }
        return spent >= budget
    }

    /// Refuses writing `bytes` more when the tenant's storage would go over its quota.
    func checkStorage(tenantId: String, adding bytes: Int) async throws {
        guard let megabytes = try await limits(of: tenantId).storageMb else { return }
        let limit = megabytes * 1024 * 1024
        let used = try await store.storageBytes(tenantId: tenantId)
        guard used + bytes <= limit else {
            throw APIError.quotaExceeded("storage", used: used, limit: limit,
                                         message: "This account's storage is full (\(ByteCount.describe(used)) of \(ByteCount.describe(limit))); delete old sessions to make room.")
        }
    }
}

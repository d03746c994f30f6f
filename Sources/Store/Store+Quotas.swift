import Contract
import Foundation
import GRDB

/// What a tenant uses now: the numbers its quotas are checked against.
extension Store {
    public func sessionCount(tenantId: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE tenant_id = ?", arguments: [tenantId]) ?? 0
        }
    }

    /// Runs admitted and not ended, over all the tenant's sessions.
    public func activeRunCount(tenantId: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE tenant_id = ? AND active_run_id IS NOT NULL", arguments: [tenantId]) ?? 0
        }
    }

    /// Bytes of every file and every kept version of the tenant's sessions.
    public func storageBytes(tenantId: String) async throws -> Int {
        try await pool.read { db in
            let files = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(f.size), 0) FROM files f JOIN sessions s ON s.id = f.session_id WHERE s.tenant_id = ?
                """, arguments: [tenantId]) ?? 0
            let versions = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(v.size), 0) FROM file_versions v JOIN sessions s ON s.id = v.session_id WHERE s.tenant_id = ?
                """, arguments: [tenantId]) ?? 0
            return files + versions
        }
    }

    /// What the tenant spent since `start` (RFC 3339 UTC), from the ledger (deleted sessions count).
    public func spend(tenantId: String, since start: String) async throws -> Double {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(cost_usd), 0) FROM usage_ledger WHERE tenant_id = ? AND created_at >= ?",
                                arguments: [tenantId, start]) ?? 0
        }
    }
}

import Contract
import Foundation
import GRDB
import ServiceSupport

/// Tenants, their limits, and API tokens (kept as SHA-256 hashes; the secret is shown once).
extension Store {
    /// On first start (no tenant at all), creates the `default` tenant and an admin token for it
    /// and returns the token; otherwise nil.
    public func bootstrapDefaultTenant() throws -> String? {
        try pool.write { db in
            let tenants = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tenants") ?? 0
            guard tenants == 0 else { return nil }
            let tenant = try Self.tenant(db, named: "default", createIfMissing: true)!
            return try Self.mintToken(db, tenantId: tenant.id, admin: true).secret
        }
    }

    // MARK: Tenants

    /// Creates a tenant (refusing a name in use) with `limits`.
    @discardableResult
    public func createTenant(name: String, limits: TenantLimits) throws -> TenantRecord {
        try pool.write { db in
            if try Self.tenant(db, named: name, createIfMissing: false) != nil { throw StoreError.alreadyExists(name) }
            var tenant = try Self.tenant(db, named: name, createIfMissing: true)!
            tenant.limits = limits
            try tenant.update(db)
            return tenant
        }
    }

    /// Changes the limits given in `changes` (nil fields are left as they are; `.some(nil)`
    /// clears one back to the default).
    @discardableResult
    public func updateTenant(name: String, _ change: @escaping @Sendable (inout TenantLimits) -> Void) throws -> TenantRecord {
        try pool.write { db in
            guard var tenant = try Self.tenant(db, named: name, createIfMissing: false) else { throw StoreError.notFound }
            change(&tenant.limits)
            try tenant.update(db)
            return tenant
        }
    }

    public func tenants() throws -> [TenantRecord] {
        try pool.read { db in try TenantRecord.order(TenantRecord.CodingKeys.name).fetchAll(db) }
    }

    public func tenant(id: String) async throws -> TenantRecord? {
        try await pool.read { db in try TenantRecord.fetchOne(db, key: id) }
    }

    static func tenant(_ db: Database, named name: String, createIfMissing: Bool) throws -> TenantRecord? {
        if let existing = try TenantRecord.filter(TenantRecord.CodingKeys.name == name).fetchOne(db) { return existing }
        guard createIfMissing else { return nil }
        let tenant = TenantRecord(id: Identifier.make("ten"), name: name, createdAt: Timestamp.now(), limits: TenantLimits())
        try tenant.insert(db)
        return tenant
    }

    // MARK: Tokens

    /// A new token for the tenant `tenantName` (created with default limits if new). Returns the
    /// secret (shown once) and its record; only the secret's SHA-256 is stored.
    public func createToken(tenantName: String, admin: Bool = false) throws -> String {
        try createTokenRecord(tenantName: tenantName, admin: admin).secret
    }

    public func createTokenRecord(tenantName: String, admin: Bool) throws -> (secret: String, record: TokenRecord) {
        try pool.write { db in
            let tenant = try Self.tenant(db, named: tenantName, createIfMissing: true)!
            return try Self.mintToken(db, tenantId: tenant.id, admin: admin)
        }
    }

    private static func mintToken(_ db: Database, tenantId: String, admin: Bool) throws -> (secret: String, record: TokenRecord) {
        let secret = "ra_" + Identifier.make("t").dropFirst(2) + Identifier.make("t").dropFirst(2)
        let record = TokenRecord(
            id: Identifier.make("tok"), tokenSha256: SHA256.hex(Array(secret.utf8)), tenantId: tenantId, admin: admin,
            createdAt: Timestamp.now(), lastUsedAt: nil, revokedAt: nil)
        try record.insert(db)
        return (secret, record)
    }

    /// The token with this hash, unless revoked (a primary-key lookup on every request: a
    /// revocation, even by another process, takes effect at once).
    public func activeToken(sha256 hash: String) async throws -> TokenRecord? {
        try await pool.read { db in
            try TokenRecord.filter(TokenRecord.CodingKeys.tokenSha256 == hash && TokenRecord.CodingKeys.revokedAt == nil).fetchOne(db)
        }
    }

    /// The tenant of a token hash (revoked tokens have none).
    public func tenant(forTokenSHA256 hash: String) async throws -> String? {
        try await activeToken(sha256: hash)?.tenantId
    }

    public func tokens() throws -> [TokenRecord] {
        try pool.read { db in try TokenRecord.order(TokenRecord.CodingKeys.createdAt).fetchAll(db) }
    }

    /// Revokes a token by its id; false when there is no such token.
    @discardableResult
    public func revokeToken(id: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [Timestamp.now(), id])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM api_tokens WHERE id = ?", arguments: [id]) == 1
        }
    }

    /// Records when tokens were last used (batched by the caller; never on every request).
    public func touchTokens(_ lastUsed: [String: String]) async throws {
        guard !lastUsed.isEmpty else { return }
        try await pool.write { db in
            for (id, at) in lastUsed {
                try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [at, id])
            }
        }
    }
}

/// A tenant's own limits; nil means "the operator's default".
public struct TenantLimits: Sendable, Equatable, Codable {
    public var dailyBudgetUsd: Double?
    public var maxSessions: Int?
    public var maxConcurrentRuns: Int?
    public var storageMb: Int?
    public var requestsPerMinute: Int?

    public init(dailyBudgetUsd: Double? = nil, maxSessions: Int? = nil, maxConcurrentRuns: Int? = nil, storageMb: Int? = nil, requestsPerMinute: Int? = nil) {
        self.dailyBudgetUsd = dailyBudgetUsd
        self.maxSessions = maxSessions
        self.maxConcurrentRuns = maxConcurrentRuns
        self.storageMb = storageMb
        self.requestsPerMinute = requestsPerMinute
    }

    /// These limits, with the defaults filled in where none is set.
    public func resolved(defaults: TenantLimits) -> TenantLimits {
        TenantLimits(
            dailyBudgetUsd: dailyBudgetUsd ?? defaults.dailyBudgetUsd, maxSessions: maxSessions ?? defaults.maxSessions,
            maxConcurrentRuns: maxConcurrentRuns ?? defaults.maxConcurrentRuns, storageMb: storageMb ?? defaults.storageMb,
            requestsPerMinute: requestsPerMinute ?? defaults.requestsPerMinute)
    }
}

import ArgumentParser
import Foundation
import Store

/// `resume-agent token create|list|revoke`: API tokens. Only a token's hash is stored; the
/// secret is printed once, alone on the last line of `create`'s output.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a tenant (created with default limits if new); prints it alone on the last line."
        )

        @OptionGroup var data: DataDirectoryOption

        @Option(help: "Tenant the token belongs to.")
        var tenant: String

        @Flag(help: "An administrator's token: metrics and the usage dashboard (/admin).")
        var admin = false

        func validate() throws { try TenantName.validate(tenant) }

        func run() async throws {
            let (secret, record) = try data.store().createTokenRecord(tenantName: tenant, admin: admin)
            print("Created \(admin ? "an admin" : "a") token \(record.id) for tenant '\(tenant)'. Keep it secret; it is shown only once:")
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var data: DataDirectoryOption

        @Flag(help: "JSON: an array of {id, tenant, admin, created_at, last_used_at} (revoked tokens add revoked_at).")
        var json = false

        struct Entry: Encodable {
            var id: String
            var tenant: String
            var admin: Bool
            var createdAt: String
            var lastUsedAt: String?
            var revokedAt: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(tenant, forKey: .tenant)
                try container.encode(admin, forKey: .admin)
                try container.encode(createdAt, forKey: .createdAt)
                try container.encode(lastUsedAt, forKey: .lastUsedAt)  // null when never used
                try container.encodeIfPresent(revokedAt, forKey: .revokedAt)
            }

            enum CodingKeys: String, CodingKey { case id, tenant, admin, createdAt, lastUsedAt, revokedAt }
        }

        func run() async throws {
            let store = try data.store()
            let names = Dictionary(uniqueKeysWithValues: try store.tenants().map { ($0.id, $0.name) })
            let entries = try store.tokens().map {
                Entry(id: $0.id, tenant: names[$0.tenantId] ?? $0.tenantId, admin: $0.admin, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt)
            }
            if json { return try JSONOutput.print(entries) }
            print(TextTable.render(["ID", "TENANT", "ADMIN", "CREATED", "LAST USED", "REVOKED"], entries.map {
                [$0.id, $0.tenant, $0.admin ? "yes" : "", $0.createdAt, $0.lastUsedAt ?? "never", $0.revokedAt ?? ""]
            }))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it is refused at once (401), also after restarts.")

        @OptionGroup var data: DataDirectoryOption

        @Argument(help: "The token's id (tok_…, from `token list`).")
        var tokenId: String

        func run() async throws {
            guard try data.store().revokeToken(id: tokenId) else {
                throw ValidationError("no token with id \(tokenId)")
            }
            print("Revoked \(tokenId).")
        }
    }
}

/// Tenant names: short, plain, safe in logs and metric labels.
enum TenantName {
    static func validate(_ name: String) throws {
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw ValidationError("tenant must be 1–64 letters, digits, '-', '_' or '.'")
        }
    }
}

import ArgumentParser
import Foundation
import Store

/// `resume-agent tenant create|set|list`: tenants and their limits (unset limits follow the
/// operator's defaults in the config file's `tenant_defaults`).
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Manage tenants and their limits.",
        subcommands: [Create.self, Set.self, List.self]
    )

    struct Limits: ParsableArguments {
        @Option(name: .customLong("daily-budget-usd"), help: "Spend per day (UTC) on model calls; new runs get 402 after it.")
        var dailyBudgetUsd: Double?
        @Option(name: .customLong("max-sessions"), help: "Sessions the tenant may keep.")
        var maxSessions: Int?
        @Option(name: .customLong("max-concurrent-runs"), help: "Runs going at once.")
        var maxConcurrentRuns: Int?
        @Option(name: .customLong("storage-mb"), help: "Storage of all its sessions' files and versions.")
        var storageMb: Int?
        @Option(name: .customLong("requests-per-minute"), help: "API requests per minute per token.")
        var requestsPerMinute: Int?

        func validate() throws {
            if let value = dailyBudgetUsd, value < 0 { throw ValidationError("--daily-budget-usd must not be negative") }
            for (name, value) in [("--max-sessions", maxSessions), ("--max-concurrent-runs", maxConcurrentRuns), ("--storage-mb", storageMb), ("--requests-per-minute", requestsPerMinute)] {
                if let value, value < 0 { throw ValidationError("\(name) must not be negative") }
            }
        }

        func apply(to limits: inout TenantLimits) {
            if let dailyBudgetUsd { limits.dailyBudgetUsd = dailyBudgetUsd }
            if let maxSessions { limits.maxSessions = maxSessions }
            if let maxConcurrentRuns { limits.maxConcurrentRuns = maxConcurrentRuns }
            if let storageMb { limits.storageMb = storageMb }
            if let requestsPerMinute { limits.requestsPerMinute = requestsPerMinute }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant.")
        @OptionGroup var data: DataDirectoryOption
        @Argument(help: "Its name.") var name: String
        @OptionGroup var limits: Limits

        func validate() throws { try TenantName.validate(name) }

        func run() async throws {
            var own = TenantLimits()
            limits.apply(to: &own)
            do {
                let tenant = try data.store().createTenant(name: name, limits: own)
                print("Created tenant '\(tenant.name)' (\(tenant.id)).")
            } catch StoreError.alreadyExists {
                throw ValidationError("a tenant named '\(name)' already exists; change it with `tenant set`")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a tenant's limits.")
        @OptionGroup var data: DataDirectoryOption
        @Argument(help: "Its name.") var name: String
        @OptionGroup var limits: Limits

        func run() async throws {
            let limits = self.limits
            do {
                let tenant = try data.store().updateTenant(name: name) { limits.apply(to: &$0) }
                print("Updated tenant '\(tenant.name)'.")
            } catch StoreError.notFound {
                throw ValidationError("no tenant named '\(name)'")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants and their own limits (empty: the defaults apply).")
        @OptionGroup var data: DataDirectoryOption
        @Flag(help: "JSON: an array of {id, name, created_at, limits}.") var json = false

        struct Entry: Encodable {
            var id: String
            var name: String
            var createdAt: String
            var limits: TenantLimits
        }

        func run() async throws {
            let tenants = try data.store().tenants()
            if json { return try JSONOutput.print(tenants.map { Entry(id: $0.id, name: $0.name, createdAt: $0.createdAt, limits: $0.limits) }) }
            func show(_ value: (some CustomStringConvertible)?) -> String { value.map(\.description) ?? "default" }
            print(TextTable.render(["NAME", "ID", "BUDGET/DAY", "SESSIONS", "RUNS", "STORAGE MB", "REQ/MIN"], tenants.map {
                [$0.name, $0.id, show($0.limits.dailyBudgetUsd), show($0.limits.maxSessions), show($0.limits.maxConcurrentRuns),
                 show($0.limits.storageMb), show($0.limits.requestsPerMinute)]
            }))
        }
    }
}

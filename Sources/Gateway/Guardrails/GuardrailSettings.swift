import Foundation
import Store

/// The operator's guardrails: what a tenant may use by default, how long data is kept, and how
/// much the HTTP listener tolerates. From the config file's `tenant_defaults`, `retention` and
/// `http` sections, then environment variables (each documented in the README).
public struct GuardrailSettings: Sendable, Equatable {
    /// Limits of a tenant that sets none of its own (`resume-agent tenant create|set` overrides).
    public var tenantDefaults = TenantLimits(
        dailyBudgetUsd: 5.0, maxSessions: 1000, maxConcurrentRuns: 8, storageMb: 1024, requestsPerMinute: 600)
    /// Open event streams per tenant.
    public var maxStreamsPerTenant = 64
    /// Uploads being received at once, over all tenants (each is streamed to disk).
    public var maxConcurrentUploads = 16
    /// How long sessions and exports are kept, and how often the gateway cleans up.
    public var retention = RetentionSettings()
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// A request's head (line and headers) must arrive within this long.
    public var headTimeout: Duration = .seconds(10)
    /// A request's body must arrive within this long.
    public var bodyTimeout: Duration = .seconds(120)
    /// Largest header field and whole header list accepted.
    public var maxHeaderBytes = 16 * 1024
    /// `Host` values (names, no port) the gateway answers; empty: any. Defaults to the loopback
    /// names when it listens on loopback, which stops DNS-rebinding pages from reading it.
    public var allowedHosts: [String] = []

    public init() {}

    /// The config file's sections.
    struct File: Decodable {
        struct Defaults: Decodable {
            var dailyBudgetUsd: Double?
            var maxSessions: Int?
            var maxConcurrentRuns: Int?
            var storageMb: Int?
            var requestsPerMinute: Int?
        }
        struct HTTP: Decodable {
            var idleTimeoutSeconds: Double?
            var headTimeoutSeconds: Double?
            var bodyTimeoutSeconds: Double?
            var maxHeaderBytes: Int?
            var allowedHosts: [String]?
            var maxConcurrentUploads: Int?
            var maxStreamsPerTenant: Int?
        }
        var tenantDefaults: Defaults?
        var http: HTTP?
    }

    /// Reads the config file's guardrail sections (the file's other sections are the supervisor's).
    public mutating func apply(configFile path: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        if let defaults = file.tenantDefaults {
            if let value = defaults.dailyBudgetUsd { tenantDefaults.dailyBudgetUsd = value }
            if let value = defaults.maxSessions { tenantDefaults.maxSessions = value }
            if let value = defaults.maxConcurrentRuns { tenantDefaults.maxConcurrentRuns = value }
            if let value = defaults.storageMb { tenantDefaults.storageMb = value }
            if let value = defaults.requestsPerMinute { tenantDefaults.requestsPerMinute = value }
        }
        try retention.apply(configFile: path)
        if let http = file.http {
            if let value = http.idleTimeoutSeconds { idleTimeout = .milliseconds(Int64(value * 1000)) }
            if let value = http.headTimeoutSeconds { headTimeout = .milliseconds(Int64(value * 1000)) }
            if let value = http.bodyTimeoutSeconds { bodyTimeout = .milliseconds(Int64(value * 1000)) }
            if let value = http.maxHeaderBytes { maxHeaderBytes = value }
            if let value = http.allowedHosts { allowedHosts = value }
            if let value = http.maxConcurrentUploads { maxConcurrentUploads = value }
            if let value = http.maxStreamsPerTenant { maxStreamsPerTenant = value }
        }
    }

    /// Environment overrides (`RESUME_AGENT_TENANT_DAILY_BUDGET_USD`, …).
    public mutating func apply(environment: [String: String]) {
        func double(_ key: String) -> Double? { environment[key].flatMap(Double.init) }
        func int(_ key: String) -> Int? { environment[key].flatMap(Int.init) }
        if let value = double("RESUME_AGENT_TENANT_DAILY_BUDGET_USD") { tenantDefaults.dailyBudgetUsd = value }
        if let value = int("RESUME_AGENT_TENANT_MAX_SESSIONS") { tenantDefaults.maxSessions = value }
        if let value = int("RESUME_AGENT_TENANT_MAX_CONCURRENT_RUNS") { tenantDefaults.maxConcurrentRuns = value }
        if let value = int("RESUME_AGENT_TENANT_STORAGE_MB") { tenantDefaults.storageMb = value }
        if let value = int("RESUME_AGENT_TENANT_REQUESTS_PER_MINUTE") { tenantDefaults.requestsPerMinute = value }
        retention.apply(environment: environment)
        if let value = environment["RESUME_AGENT_ALLOWED_HOSTS"] {
            allowedHosts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }
    }

    /// The loopback names, when the listener is on loopback and the operator set no list.
    mutating func defaultAllowedHosts(listeningOn host: String) {
        guard allowedHosts.isEmpty, ["127.0.0.1", "::1", "localhost"].contains(host) else { return }
        allowedHosts = ["127.0.0.1", "localhost", "[::1]", "::1"]
    }
}

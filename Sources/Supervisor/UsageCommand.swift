import ArgumentParser
import Foundation
import Store

/// `resume-agent usage --since 7d [--json]`: cost and runs per tenant, day and model, outcomes
/// by reason and the costliest sessions — the numbers the `/admin` dashboard shows (its API,
/// `GET /api/v1/admin/usage?since=`, reads `since` the same way and returns this JSON).
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "usage", abstract: "Print cost and usage since a time.")

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "How far back: \(UsageWindow.accepted).")
    var since = "7d"

    @Flag(help: "JSON (the same numbers as /admin).")
    var json = false

    func run() async throws {
        guard let start = UsageWindow.start(of: since) else { throw ValidationError("--since takes \(UsageWindow.accepted)") }
        let report = try data.store().usageNow(since: start)
        if json { return try JSONOutput.print(report) }
        print(Self.text(report))
    }

    /// The report as tables for people: every number the JSON has.
    static func text(_ report: UsageSummary) -> String {
        var sections = ["Usage since \(report.since): $\(usd(report.totalCostUsd)) in all"]
        sections.append(TextTable.render(["TENANT", "COST USD", "INPUT TOKENS", "OUTPUT TOKENS", "RUNS", "FAILED", "INTERRUPTED"], report.tenants.map {
            [$0.tenant, usd($0.costUsd), "\($0.inputTokens)", "\($0.outputTokens)", "\($0.runs)", "\($0.failedRuns)", "\($0.interruptedRuns)"]
        }))
        if !report.outcomes.isEmpty {
            sections.append(TextTable.render(["RUN OUTCOME", "REASON", "RUNS"], report.outcomes.map { [$0.status, $0.reason ?? "-", "\($0.count)"] }))
        }
        if !report.days.isEmpty {
            sections.append(TextTable.render(["DAY (UTC)", "TENANT", "COST USD"], report.days.map { [$0.day, $0.tenant, usd($0.costUsd)] }))
        }
        if !report.models.isEmpty {
            sections.append(TextTable.render(["PROVIDER", "MODEL", "COST USD", "INPUT TOKENS", "OUTPUT TOKENS"], report.models.map {
                [$0.provider, $0.model, usd($0.costUsd), "\($0.inputTokens)", "\($0.outputTokens)"]
            }))
        }
        if !report.topSessions.isEmpty {
            sections.append(TextTable.render(["TOP SESSIONS", "TENANT", "COST USD"], report.topSessions.map { [$0.sessionId, $0.tenant, usd($0.costUsd)] }))
        }
        return sections.joined(separator: "\n\n")
    }

    /// Dollars to four places: a local model's run costs fractions of a cent.
    static func usd(_ value: Double) -> String { String(format: "%.4f", value) }
}

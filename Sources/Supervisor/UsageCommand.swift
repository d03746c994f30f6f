import ArgumentParser
import Foundation
import Store

/// `resume-agent usage --since 7d [--json]`: cost and runs per tenant, day and model — the
/// numbers the `/admin` dashboard shows.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "usage", abstract: "Print cost and usage since a time.")

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "How far back: 24h, 7d, 30d, or an RFC 3339 time.")
    var since = "7d"

    @Flag(help: "JSON (the same numbers as /admin).")
    var json = false

    func run() async throws {
        guard let start = Self.start(since, now: Date()) else { throw ValidationError("--since takes 24h, 7d, 30d or an RFC 3339 time") }
        let report = try data.store().usageNow(since: start)
        if json { return try JSONOutput.print(report) }
        print("Usage since \(start): $\(String(format: "%.4f", report.totalCostUsd)) in all")
        print("")
        print(TextTable.render(["TENANT", "COST USD", "INPUT TOKENS", "OUTPUT TOKENS", "RUNS", "FAILED", "INTERRUPTED"], report.tenants.map {
            [$0.tenant, String(format: "%.4f", $0.costUsd), "\($0.inputTokens)", "\($0.outputTokens)", "\($0.runs)", "\($0.failedRuns)", "\($0.interruptedRuns)"]
        }))
        if !report.models.isEmpty {
            print("")
            print(TextTable.render(["PROVIDER", "MODEL", "COST USD", "INPUT TOKENS", "OUTPUT TOKENS"], report.models.map {
                [$0.provider, $0.model, String(format: "%.4f", $0.costUsd), "\($0.inputTokens)", "\($0.outputTokens)"]
            }))
        }
    }

    /// `7d` → the RFC 3339 time seven days before `now`.
    static func start(_ since: String, now: Date) -> String? {
        let units: [Character: Double] = ["m": 60, "h": 3600, "d": 86_400]
        if let unit = since.last, let seconds = units[unit], let count = Double(since.dropLast()), count >= 0 {
            return Timestamp.format(seconds: Int(now.timeIntervalSince1970 - count * seconds), milliseconds: 0)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: since) ?? ISO8601DateFormatter().date(from: since)
        return date.map { Timestamp.format(seconds: Int($0.timeIntervalSince1970), milliseconds: 0) }
    }
}

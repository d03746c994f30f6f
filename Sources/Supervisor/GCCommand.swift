import ArgumentParser
import Foundation
import Store

/// `resume-agent gc [--dry-run]`: retention by hand (the running service does the same every
/// hour): idle sessions, old exports and leftovers of interrupted writes go. A session with a
/// run going is never touched.
struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gc", abstract: "Delete what retention no longer keeps.")

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "JSON configuration file (its `retention` section).")
    var config: String?

    @Flag(name: .customLong("dry-run"), help: "Say what would go; delete nothing.")
    var dryRun = false

    @Flag(help: "JSON output.")
    var json = false

    func run() async throws {
        var settings = RetentionSettings()
        if let config { try settings.apply(configFile: config) }
        settings.apply(environment: ProcessInfo.processInfo.environment)
        let retention = Retention(store: try data.store(), dataDirectory: data.path, sessionDays: settings.sessionDays, exportDays: settings.exportDays)
        let report = try await retention.sweep(dryRun: dryRun)
        if json { return try JSONOutput.print(report) }
        let verb = dryRun ? "Would delete" : "Deleted"
        print("\(verb) \(report.sessionsDeleted.count) idle sessions (kept \(settings.sessionDays) days), \(report.exportsDeleted) old exports "
            + "(kept \(settings.exportDays) days), \(report.orphanDirectoriesRemoved) orphaned workspaces and \(report.stagedFilesRemoved) abandoned uploads"
            + (dryRun ? "." : "; \(report.bytesFreed) bytes freed."))
    }
}

import Foundation

/// How long data is kept: the config file's `retention` section, then
/// `RESUME_AGENT_RETENTION_SESSION_DAYS` / `RESUME_AGENT_RETENTION_EXPORT_DAYS`. Read by the
/// gateway's cleanup and by `resume-agent gc`, so both keep the same.
public struct RetentionSettings: Sendable, Equatable {
    /// Sessions with no activity for this long are deleted (0 keeps them).
    public var sessionDays = 30.0
    /// Export artifacts older than this are deleted (0 keeps them).
    public var exportDays = 7.0
    /// How often the running service cleans up, in seconds.
    public var intervalSeconds = 3600.0

    public init() {}

    private struct File: Decodable {
        struct Section: Decodable {
            var sessionsDays: Double?
            var exportsDays: Double?
            var intervalSeconds: Double?
        }
        var retention: Section?
    }

    public mutating func apply(configFile path: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let section = try decoder.decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path))).retention else { return }
        if let value = section.sessionsDays { sessionDays = value }
        if let value = section.exportsDays { exportDays = value }
        if let value = section.intervalSeconds, value > 0 { intervalSeconds = value }
    }

    public mutating func apply(environment: [String: String]) {
        if let value = environment["RESUME_AGENT_RETENTION_SESSION_DAYS"].flatMap(Double.init), value >= 0 { sessionDays = value }
        if let value = environment["RESUME_AGENT_RETENTION_EXPORT_DAYS"].flatMap(Double.init), value >= 0 { exportDays = value }
    }
}

import Foundation
import Logging

/// Process-wide logging set-up, called once at the top of each executable (never in tests).
public enum LoggingSetup {
    /// journald when started by systemd with its stream connected (`JOURNAL_STREAM`),
    /// logfmt on stderr otherwise. Level from `RESUME_AGENT_LOG_LEVEL` (default `info`).
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["RESUME_AGENT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let useJournal = environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { label in
            useJournal
                ? JournaldLogHandler(label: label, level: level) as any LogHandler
                : LogfmtLogHandler(label: label, level: level)
        }
    }
}

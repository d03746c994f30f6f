import Foundation

/// How a worker was started. The supervisor passes these on the command line; they are not
/// a user interface, so parsing is strict and small.
public struct WorkerOptions: Sendable, Equatable {
    /// The gateway's worker socket.
    public var socketPath: String
    /// Runs to serve before exiting; 0 means no limit (benchmarks). Default 1: a fresh
    /// process per run, so nothing of one user's run can leak into another's.
    public var maxRuns: Int
    public var limits: ResourceLimits
    /// The supervisor's pid, to exit if we were orphaned before asking for SIGKILL on its death.
    public var supervisorPid: Int32?

    public init(socketPath: String, maxRuns: Int = 1, limits: ResourceLimits = .init(), supervisorPid: Int32? = nil) {
        self.socketPath = socketPath
        self.maxRuns = maxRuns
        self.limits = limits
        self.supervisorPid = supervisorPid
    }

    public enum ParseError: Error, CustomStringConvertible {
        case missing(String)
        case invalid(String, String)
        public var description: String {
            switch self {
            case .missing(let flag): "missing \(flag)"
            case .invalid(let flag, let value): "invalid value '\(value)' for \(flag)"
            }
        }
    }

    /// Parses `worker --socket PATH [--runs N] [--cpu-seconds N] [--memory-mb N] [--open-files N]`.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(ParseError) -> WorkerOptions {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            if flag.hasPrefix("--"), index + 1 < arguments.count {
                values[flag] = arguments[index + 1]
                index += 2
            } else {
                index += 1
            }
        }
        guard let socket = values["--socket"] else { throw .missing("--socket") }
        func int(_ flag: String, _ fallback: Int) throws(ParseError) -> Int {
            guard let raw = values[flag] else { return fallback }
            guard let value = Int(raw), value >= 0 else { throw .invalid(flag, raw) }
            return value
        }
        let limits = ResourceLimits(
            cpuSeconds: try int("--cpu-seconds", ResourceLimits().cpuSeconds),
            addressSpaceMB: try int("--memory-mb", ResourceLimits().addressSpaceMB),
            openFiles: try int("--open-files", ResourceLimits().openFiles)
        )
        return WorkerOptions(
            socketPath: socket,
            maxRuns: try int("--runs", 1),
            limits: limits,
            supervisorPid: environment["RESUME_AGENT_SUPERVISOR_PID"].flatMap(Int32.init)
        )
    }
}

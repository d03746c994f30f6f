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
    /// Where the worker makes its private scratch directory (the only place it may write).
    public var scratchRoot: String
    /// Whether the worker confines itself (always, but for `--sandbox off`, which only the
    /// spawn benchmark passes, to measure what confinement costs).
    public var sandboxed: Bool
    /// Whether an agent worker loads its HTTP transport (libcurl) in the background while it
    /// waits for a run (`--preload-transport on|off`, default on). The supervisor turns it off
    /// when no allowed provider reaches the network, saving every run ~5 ms of CPU.
    public var preloadTransport: Bool

    public init(
        socketPath: String, maxRuns: Int = 1, limits: ResourceLimits = .init(), supervisorPid: Int32? = nil,
        scratchRoot: String = "/tmp", sandboxed: Bool = true, preloadTransport: Bool = true
    ) {
        self.socketPath = socketPath
        self.maxRuns = maxRuns
        self.limits = limits
        self.supervisorPid = supervisorPid
        self.scratchRoot = scratchRoot
        self.sandboxed = sandboxed
        self.preloadTransport = preloadTransport
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

    /// Parses `worker --socket PATH [--runs N] [--cpu-seconds N] [--memory-mb N] [--open-files N]
    /// [--file-size-mb N] [--processes N] [--scratch-dir DIR] [--sandbox on|off] [--preload-transport on|off]`.
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
        let defaults = ResourceLimits()
        let limits = ResourceLimits(
            cpuSeconds: try int("--cpu-seconds", defaults.cpuSeconds),
            addressSpaceMB: try int("--memory-mb", defaults.addressSpaceMB),
            openFiles: try int("--open-files", defaults.openFiles),
            fileSizeMB: try int("--file-size-mb", defaults.fileSizeMB),
            processes: try int("--processes", defaults.processes)
        )
        let sandbox = values["--sandbox"] ?? "on"
        guard sandbox == "on" || sandbox == "off" else { throw .invalid("--sandbox", sandbox) }
        let preload = values["--preload-transport"] ?? "on"
        guard preload == "on" || preload == "off" else { throw .invalid("--preload-transport", preload) }
        let scratch = values["--scratch-dir"] ?? environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return WorkerOptions(
            socketPath: socket,
            maxRuns: try int("--runs", 1),
            limits: limits,
            supervisorPid: environment["RESUME_AGENT_SUPERVISOR_PID"].flatMap(Int32.init),
            scratchRoot: scratch,
            sandboxed: sandbox == "on",
            preloadTransport: preload == "on"
        )
    }
}

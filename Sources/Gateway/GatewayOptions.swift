import Foundation

/// How the supervisor starts a gateway (`resume-agent-gateway --host … --port …`).
public struct GatewayOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./data"
    /// Where the worker socket lives (the service's RuntimeDirectory under systemd).
    public var runtimeDirectory = "./data/run"
    /// Inherited control socket from the supervisor; nil when run standalone.
    public var controlFD: Int32?
    /// A listening socket handed over by the supervisor (systemd socket activation).
    public var listenFD: Int32?
    /// Seconds to finish in-flight requests and runs after a drain or SIGTERM.
    public var drainSeconds = 10.0
    public var maxQueuedRuns = 64
    public var supervisorPid: Int32?
    /// The service's JSON config file (its guardrail sections are the gateway's).
    public var configFile: String?
    /// An extra listener serving only `/metrics`, without a token, for a local scraper.
    public var metricsListen: (host: String, port: Int)?

    public init() {}

    public var workerSocketPath: String { (runtimeDirectory as NSString).appendingPathComponent("worker.sock") }

    public enum ParseError: Error, CustomStringConvertible {
        case invalid(String, String)
        public var description: String {
            switch self {
            case .invalid(let flag, let value): "invalid value '\(value)' for \(flag)"
            }
        }
    }

    public static func parse(_ arguments: [String], environment: [String: String]) throws(ParseError) -> GatewayOptions {
        var options = GatewayOptions()
        var index = 0
        while index + 1 < arguments.count {
            let flag = arguments[index], value = arguments[index + 1]
            index += 2
            switch flag {
            case "--host": options.host = value
            case "--port":
                guard let port = Int(value), (0...65535).contains(port) else { throw .invalid(flag, value) }
                options.port = port
            case "--data-dir": options.dataDirectory = value
            case "--runtime-dir": options.runtimeDirectory = value
            case "--control-fd":
                guard let fd = Int32(value), fd >= 0 else { throw .invalid(flag, value) }
                options.controlFD = fd
            case "--listen-fd":
                guard let fd = Int32(value), fd >= 0 else { throw .invalid(flag, value) }
                options.listenFD = fd
            case "--drain-seconds":
                guard let seconds = Double(value), seconds >= 0 else { throw .invalid(flag, value) }
                options.drainSeconds = seconds
            case "--max-queued-runs":
                guard let count = Int(value), count >= 0 else { throw .invalid(flag, value) }
                options.maxQueuedRuns = count
            case "--config": options.configFile = value
            case "--metrics-listen":
                guard let address = Self.hostPort(value) else { throw .invalid(flag, value) }
                options.metricsListen = address
            default: index -= 1  // unknown flags are ignored one token at a time
            }
        }
        options.supervisorPid = environment["RESUME_AGENT_SUPERVISOR_PID"].flatMap(Int32.init)
        return options
    }

    /// `HOST:PORT` (`[::1]:9090` for IPv6).
    public static func hostPort(_ value: String) -> (host: String, port: Int)? {
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}

import Foundation
import IPC

/// Everything `resume-agent serve` needs. Built from defaults, then the JSON config file
/// (`--config`), then environment, then flags (each overriding the previous).
public struct SupervisorConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./data"
    public var runtimeDirectory: String?
    /// Idle agent workers kept warm (`--workers`).
    public var minIdleWorkers = 2
    /// Most agent workers at once.
    public var maxWorkers = 16
    /// Idle document workers kept warm (`--document-workers`): imports, previews, exports.
    public var minIdleDocumentWorkers = 1
    /// Most document workers at once (each holds a parser's memory; they are short jobs).
    public var maxDocumentWorkers = 4
    /// Time constant of the demand estimate that sizes the warm pools (``WarmPoolSizer``).
    public var demandWindow: Duration = .seconds(5)
    /// Idle workers kept warm per expected take during one spawn (arrivals are bursty).
    public var demandHeadroom = 2.0
    /// MiB the idle agent workers may take when demand grows the pool past `minIdleWorkers`.
    public var warmMemoryMB: Int? = 160
    /// MiB the idle document workers may take when demand grows their pool.
    public var warmDocumentMemoryMB: Int? = 80
    /// Where workers make their private scratch directories (`$TMPDIR`, else `/tmp`; under
    /// systemd `PrivateTmp=` makes that the service's own).
    public var scratchRoot = "/tmp"
    /// Runs a worker serves before exiting; 1 isolates every run in a fresh process.
    public var runsPerWorker = 1
    /// Whether agent workers preload libcurl while they wait: on unless no allowed provider
    /// reaches the network (set from the provider policy at start-up, not configurable).
    public var agentWorkersPreloadTransport = true
    public var workerCPUSeconds = 300
    public var workerMemoryMB = 4096
    public var drainSeconds = 10.0
    public var gatewayRestart = RestartPolicy()
    public var workerRestart = RestartPolicy()
    /// With no pong for this long, a gateway is presumed frozen and killed.
    public var heartbeatTimeout: Duration = .seconds(30)
    /// Health probe interval when systemd has no watchdog (with one: a quarter of it).
    public var probeInterval: Duration = .seconds(1)
    /// The token minted on first start, shown once in the ready URL when stdout is a terminal
    /// (never logged).
    public var firstRunToken: String?
    /// Where the first-run token was written (0600), to say so when it is not printed.
    public var firstRunTokenFile: String?
    /// The first-run token's file name in the data directory.
    public static let initialTokenFile = "initial-token"
    /// The JSON config file, passed on to the gateway (its guardrail sections are the gateway's).
    public var configFile: String?
    /// `HOST:PORT` of the gateway's metrics-only listener.
    public var metricsListen: String?
    /// A listening socket from systemd socket activation (fd 3), handed to every gateway.
    public var inheritedListenFD: Int32?
    /// Directory holding `resume-agent-gateway` and `resume-agent-worker`.
    public var binDirectory: String

    public init(binDirectory: String) {
        self.binDirectory = binDirectory
    }

    public var effectiveRuntimeDirectory: String {
        runtimeDirectory ?? (dataDirectory as NSString).appendingPathComponent("run")
    }

    public var gatewayExecutable: String { (binDirectory as NSString).appendingPathComponent("resume-agent-gateway") }
    public var workerExecutable: String { workerExecutable(.agent) }

    /// The executable of each kind: two programs, so an agent worker does not even link the
    /// document libraries (poppler, cairo, pango), and a document worker no network client.
    public func workerExecutable(_ kind: WorkerKind) -> String {
        switch kind {
        case .agent: (binDirectory as NSString).appendingPathComponent("resume-agent-worker")
        case .document: (binDirectory as NSString).appendingPathComponent("resume-agent-document-worker")
        }
    }

    public func minIdle(_ kind: WorkerKind) -> Int {
        kind == .agent ? minIdleWorkers : minIdleDocumentWorkers
    }

    public func max(_ kind: WorkerKind) -> Int {
        kind == .agent ? maxWorkers : maxDocumentWorkers
    }

    /// How the warm pool of `kind` is sized from demand.
    func sizing(_ kind: WorkerKind) -> WarmPoolSizer.Settings {
        WarmPoolSizer.Settings(
            minIdle: minIdle(kind), max: max(kind), window: demandWindow, headroom: demandHeadroom,
            warmMemoryMB: kind == .agent ? warmMemoryMB : warmDocumentMemoryMB)
    }

    /// The config file's shape (snake_case JSON; every key optional).
    struct File: Decodable {
        struct Workers: Decodable {
            var minIdle: Int?
            var max: Int?
            var runsPerWorker: Int?
            var cpuSeconds: Int?
            var memoryMb: Int?
            var warmMemoryMb: Int?
            var demandWindowSeconds: Double?
            var demandHeadroom: Double?
        }
        struct Restart: Decodable {
            var initialBackoffMs: Int?
            var maxBackoffMs: Int?
            var intensity: Int?
            var periodSeconds: Double?
        }
        var host: String?
        var port: Int?
        var dataDir: String?
        var runtimeDir: String?
        var workers: Workers?
        var documentWorkers: Workers?
        var drainSeconds: Double?
        var heartbeatTimeoutSeconds: Double?
        var gatewayRestart: Restart?
        var workerRestart: Restart?
    }

    public struct ConfigError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Applies a JSON config file.
    public mutating func apply(configFile path: String) throws(ConfigError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(description: "cannot read config file \(path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file: File
        do {
            file = try decoder.decode(File.self, from: data)
        } catch {
            throw ConfigError(description: "invalid config file \(path): \(error)")
        }
        if let value = file.host { host = value }
        if let value = file.port { port = value }
        if let value = file.dataDir { dataDirectory = value }
        if let value = file.runtimeDir { runtimeDirectory = value }
        if let workers = file.workers {
            if let value = workers.minIdle { minIdleWorkers = value }
            if let value = workers.max { maxWorkers = value }
            if let value = workers.runsPerWorker { runsPerWorker = value }
            if let value = workers.cpuSeconds { workerCPUSeconds = value }
            if let value = workers.memoryMb { workerMemoryMB = value }
            if let value = workers.warmMemoryMb { warmMemoryMB = value }
            if let value = workers.demandWindowSeconds { demandWindow = .milliseconds(Int64(value * 1000)) }
            if let value = workers.demandHeadroom { demandHeadroom = value }
        }
        if let workers = file.documentWorkers {
            if let value = workers.minIdle { minIdleDocumentWorkers = value }
            if let value = workers.max { maxDocumentWorkers = value }
            if let value = workers.warmMemoryMb { warmDocumentMemoryMB = value }
        }
        if let value = file.drainSeconds { drainSeconds = value }
        if let value = file.heartbeatTimeoutSeconds { heartbeatTimeout = .milliseconds(Int64(value * 1000)) }
        file.gatewayRestart.map { Self.apply($0, to: &gatewayRestart) }
        file.workerRestart.map { Self.apply($0, to: &workerRestart) }
    }

    private static func apply(_ restart: File.Restart, to policy: inout RestartPolicy) {
        if let value = restart.initialBackoffMs { policy.initialBackoff = .milliseconds(value) }
        if let value = restart.maxBackoffMs { policy.maxBackoff = .milliseconds(value) }
        if let value = restart.intensity { policy.intensity = value }
        if let value = restart.periodSeconds { policy.period = .milliseconds(Int64(value * 1000)) }
    }

    /// Checks values that would otherwise fail late and obscurely.
    public func validate() throws(ConfigError) {
        guard (0...65535).contains(port) else { throw ConfigError(description: "port \(port) is out of range") }
        guard minIdleWorkers >= 1 else { throw ConfigError(description: "workers must be at least 1") }
        guard maxWorkers >= minIdleWorkers else {
            throw ConfigError(description: "max workers (\(maxWorkers)) is below the warm pool size (\(minIdleWorkers))")
        }
        guard minIdleDocumentWorkers >= 1 else { throw ConfigError(description: "document workers must be at least 1") }
        guard maxDocumentWorkers >= minIdleDocumentWorkers else {
            throw ConfigError(description: "max document workers (\(maxDocumentWorkers)) is below their warm pool size (\(minIdleDocumentWorkers))")
        }
        guard demandWindow > .zero else { throw ConfigError(description: "workers.demand_window_seconds must be positive") }
        guard demandHeadroom >= 0 else { throw ConfigError(description: "workers.demand_headroom must not be negative") }
        guard (warmMemoryMB ?? 0) >= 0, (warmDocumentMemoryMB ?? 0) >= 0 else {
            throw ConfigError(description: "warm_memory_mb must not be negative")
        }
        let socket = (effectiveRuntimeDirectory as NSString).appendingPathComponent("worker.sock")
        // sockaddr_un.sun_path is 108 bytes including the NUL.
        guard socket.utf8.count < 108 else {
            throw ConfigError(description: "runtime directory path is too long for a Unix socket: \(socket)")
        }
        for executable in [gatewayExecutable] + WorkerKind.allCases.map(workerExecutable)
        where !FileManager.default.isExecutableFile(atPath: executable) {
            throw ConfigError(description: "missing executable \(executable) (build with `swift build`)")
        }
    }
}

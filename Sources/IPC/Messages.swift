/// The payloads of `IPCMessage`. Field names travel as snake_case (`run_id`).

/// Which process is speaking.
public enum ProcessRole: String, Codable, Sendable {
    case supervisor, gateway, worker
}

/// First frame on every connection, from the side that connected (or was spawned).
public struct Hello: Codable, Sendable, Equatable {
    public var protocolVersion: Int
    public var role: ProcessRole
    public var pid: Int32
    /// Workers: how many runs this process will serve before exiting (0 = no limit), so the
    /// gateway never hands a run to a worker that is about to exit.
    public var maxRuns: Int?
    public init(protocolVersion: Int = IPCProtocol.version, role: ProcessRole, pid: Int32, maxRuns: Int? = nil) {
        self.protocolVersion = protocolVersion
        self.role = role
        self.pid = pid
        self.maxRuns = maxRuns
    }
}

/// Answer to `Hello`. `accepted == false` carries the reason, and the connection closes.
public struct HelloAck: Codable, Sendable, Equatable {
    public var protocolVersion: Int
    public var accepted: Bool
    public var reason: String?
    public init(protocolVersion: Int = IPCProtocol.version, accepted: Bool, reason: String? = nil) {
        self.protocolVersion = protocolVersion
        self.accepted = accepted
        self.reason = reason
    }
}

/// Supervisor → gateway health probe; also carries the supervisor's counters so the gateway
/// can publish them on `/metrics` (the gateway itself restarts, the supervisor does not).
public struct Ping: Codable, Sendable, Equatable {
    public var id: UInt64
    public var stats: SupervisorStats
    public init(id: UInt64, stats: SupervisorStats = .init()) {
        self.id = id
        self.stats = stats
    }
}

/// Counters owned by the supervisor.
public struct SupervisorStats: Codable, Sendable, Equatable {
    public var gatewayRestarts: Int
    public var workerRestarts: Int
    public var workersSpawned: Int
    public var workerCrashes: Int
    public init(gatewayRestarts: Int = 0, workerRestarts: Int = 0, workersSpawned: Int = 0, workerCrashes: Int = 0) {
        self.gatewayRestarts = gatewayRestarts
        self.workerRestarts = workerRestarts
        self.workersSpawned = workersSpawned
        self.workerCrashes = workerCrashes
    }
}

/// Gateway → supervisor answer to `Ping`. `healthy` is false when the gateway cannot reach
/// its store; the supervisor then withholds `WATCHDOG=1`.
public struct Pong: Codable, Sendable, Equatable {
    public var id: UInt64
    public var healthy: Bool
    public var pool: PoolStatus
    public init(id: UInt64, healthy: Bool, pool: PoolStatus) {
        self.id = id
        self.healthy = healthy
        self.pool = pool
    }
}

/// Gateway → supervisor: the HTTP listener and the worker socket are up.
public struct GatewayListening: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int
    public var workerSocketPath: String
    public init(host: String, port: Int, workerSocketPath: String) {
        self.host = host
        self.port = port
        self.workerSocketPath = workerSocketPath
    }
}

/// Gateway → supervisor: the workers it holds. Sent on every change and in every `Pong`.
public struct PoolStatus: Codable, Sendable, Equatable {
    /// Workers connected and waiting for a run.
    public var idlePids: [Int32]
    /// Workers running a run.
    public var busyPids: [Int32]
    /// Runs admitted and not yet ended (running or queued).
    public var activeRuns: Int
    public init(idlePids: [Int32] = [], busyPids: [Int32] = [], activeRuns: Int = 0) {
        self.idlePids = idlePids
        self.busyPids = busyPids
        self.activeRuns = activeRuns
    }
}

/// Supervisor → gateway: stop accepting, finish or interrupt runs within `deadlineMs`, exit 0.
public struct Drain: Codable, Sendable, Equatable {
    public var deadlineMs: Int
    public init(deadlineMs: Int) { self.deadlineMs = deadlineMs }
}

/// Gateway → worker: execute one run.
public struct RunStart: Codable, Sendable, Equatable {
    public var runId: String
    public var sessionId: String
    /// Everything the run needs (message, history, workspace view, limits, budget, policy).
    public var input: JSONValue
    public init(runId: String, sessionId: String, input: JSONValue) {
        self.runId = runId
        self.sessionId = sessionId
        self.input = input
    }
}

/// Worker → gateway: something happened in a run. The gateway assigns `seq`, persists it
/// and only then publishes it; a worker never writes an event itself.
public struct RunEvent: Codable, Sendable, Equatable {
    public var runId: String
    public var kind: String
    public var payload: JSONValue
    public init(runId: String, kind: String, payload: JSONValue) {
        self.runId = runId
        self.kind = kind
        self.payload = payload
    }
}

/// Worker → gateway: the run is over from the worker's point of view. The gateway decides
/// the terminal event (it may already have interrupted the run).
public struct RunEnd: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case completed, failed, cancelled
    }
    public var runId: String
    public var outcome: Outcome
    public var error: String?
    public init(runId: String, outcome: Outcome, error: String? = nil) {
        self.runId = runId
        self.outcome = outcome
        self.error = error
    }
}

/// Gateway → worker: stop the run now. The gateway kills the worker if it does not obey.
public struct Cancel: Codable, Sendable, Equatable {
    public var runId: String
    public var reason: String
    public init(runId: String, reason: String) {
        self.runId = runId
        self.reason = reason
    }
}

/// Either side: the peer did something wrong; the sender closes after this.
public struct Fault: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

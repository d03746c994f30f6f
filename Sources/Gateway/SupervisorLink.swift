#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging
import ServiceLifecycle

/// The gateway's end of the control socket the supervisor created (inherited as a file
/// descriptor): answers health probes, reports the pool and readiness, obeys `drain`.
public struct SupervisorLink: Service {
    let fd: CInt
    let pool: WorkerPool
    let metrics: GatewayMetrics
    let readiness: Readiness
    let state: SupervisorLinkState
    let health: @Sendable () async -> Bool
    let onDrain: @Sendable (Drain) async -> Void
    let logger: Logger

    public init(
        fd: CInt, pool: WorkerPool, metrics: GatewayMetrics, readiness: Readiness, state: SupervisorLinkState,
        health: @escaping @Sendable () async -> Bool, onDrain: @escaping @Sendable (Drain) async -> Void, logger: Logger
    ) {
        self.state = state
        self.fd = fd
        self.pool = pool
        self.metrics = metrics
        self.readiness = readiness
        self.health = health
        self.onDrain = onDrain
        self.logger = logger
    }

    public func run() async throws {
        // Last to stop (services stop in reverse order); cancelled once the rest has drained.
        try await cancelWhenGracefulShutdown { try await runLink() }
    }

    private func runLink() async throws {
        let raw = try await IPCChannel.adopt(socket: fd)
        try await IPCChannel.run(raw) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            _ = try await connection.handshake(role: .gateway, pid: getpid(), iterator: &iterator)
            state.set(true)
            defer { state.set(false) }
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    let listening = await readiness.listening()
                    try await connection.send(.gatewayListening(listening))
                    for await status in await pool.statusUpdates() {
                        metrics.update(pool: status)
                        try await connection.send(.poolStatus(status))
                    }
                }
                while let message = try await iterator.next() {
                    switch message {
                    case .ping(let ping):
                        metrics.update(supervisor: ping.stats)
                        let pong = Pong(id: ping.id, healthy: await health(), pool: await pool.status)
                        try await connection.send(.pong(pong))
                    case .drain(let drain):
                        logger.info("drain requested by supervisor", metadata: ["deadline_ms": "\(drain.deadlineMs)"])
                        await onDrain(drain)
                    default:
                        logger.warning("unexpected control frame", metadata: ["type": "\(message.kind.rawValue)"])
                    }
                }
                // The supervisor is gone: nothing may outlive it.
                if !Task.isCancelled {
                    logger.error("supervisor link closed; exiting")
                    exit(70)
                }
            }
        }
    }
}

/// Completes once the HTTP listener and the worker socket are both up.
public actor Readiness {
    private var http: (host: String, port: Int)?
    private var workerSocket: String?
    private var waiters: [CheckedContinuation<GatewayListening, Never>] = []

    public init() {}

    public func httpListening(host: String, port: Int) {
        http = (host, port)
        resumeIfReady()
    }

    public func workerSocketBound(_ path: String) {
        workerSocket = path
        resumeIfReady()
    }

    public var current: GatewayListening? {
        guard let http, let workerSocket else { return nil }
        return GatewayListening(host: http.host, port: http.port, workerSocketPath: workerSocket)
    }

    public func listening() async -> GatewayListening {
        if let current { return current }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func resumeIfReady() {
        guard let current else { return }
        for waiter in waiters { waiter.resume(returning: current) }
        waiters.removeAll()
    }
}

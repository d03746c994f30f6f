#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Accepts worker connections on the gateway's Unix socket and feeds them to the pool.
/// A bad connection (wrong version, garbage frames) is logged and closed; it never takes
/// the listener down.
public struct WorkerListener: Service {
    let socketPath: String
    let pool: WorkerPool
    let logger: Logger
    let onBound: @Sendable () async -> Void

    public init(socketPath: String, pool: WorkerPool, logger: Logger, onBound: @escaping @Sendable () async -> Void = {}) {
        self.socketPath = socketPath
        self.pool = pool
        self.logger = logger
        self.onBound = onBound
    }

    public func run() async throws {
        let listener = try await IPCListener.bind(unixPath: socketPath)
        // Only our own uid may connect (the socket lives in the service's runtime dir too).
        chmod(socketPath, 0o600)
        logger.info("worker socket listening", metadata: ["socket": "\(socketPath)"])
        await onBound()
        try await listener.executeThenClose { inbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask { await handle(connection) }
                        }
                    }
                }
                // Drain: admit no new runs, let running ones end (the gateway interrupts them at
                // its deadline), then close every worker connection.
                try? await gracefulShutdown()
                await pool.beginDrain()
                await pool.waitUntilIdle()
                group.cancelAll()
            }
        }
    }

    private func handle(_ raw: IPCChannel.Raw) async {
        let peer = await Self.peerPid(raw.channel)
        do {
            try await IPCChannel.run(raw) { connection in
                var iterator = connection.messages.makeAsyncIterator()
                let hello = try await connection.acceptHandshake(expecting: [.worker], iterator: &iterator)
                // Trust the kernel's view of the peer, not the worker's claim: the pid is what
                // the gateway SIGKILLs when enforcing a budget.
                let pid = peer ?? hello.pid
                if let peer, peer != hello.pid {
                    logger.warning("worker hello pid mismatch", metadata: ["worker.pid": "\(peer)", "claimed": "\(hello.pid)"])
                }
                await pool.attach(pid: pid, connection: connection, maxRuns: hello.maxRuns)
                do {
                    while let message = try await iterator.next() {
                        await pool.deliver(from: pid, message)
                    }
                } catch is CancellationError {
                    // The gateway is shutting down.
                } catch {
                    logger.warning("worker connection closed", metadata: ["worker.pid": "\(pid)", "error": "\(error)"])
                }
                await pool.detach(pid: pid)
            }
        } catch {
            logger.warning("worker connection refused", metadata: ["error": "\(error)"])
        }
    }

    /// SO_PEERCRED of a Unix socket: the pid of the process on the other end.
    static func peerPid(_ channel: any Channel) async -> Int32? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let credentials: PeerCredentials? = try? await provider.unsafeGetSocketOption(
            level: .init(rawValue: SOL_SOCKET), name: .init(rawValue: SO_PEERCRED)
        ).get()
        return credentials.map { $0.pid }
    }
}

/// Layout of Linux's `struct ucred` (hidden behind _GNU_SOURCE in Glibc's module).
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

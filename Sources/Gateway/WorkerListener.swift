#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging
import ServiceLifecycle

/// Accepts worker connections on the gateway's Unix socket and feeds them to the pool.
/// A bad connection (wrong version, garbage frames) is logged and closed; it never takes
/// the listener down. The connections can pass file descriptors: a document worker gets its
/// input file as an open descriptor beside its `run_start`.
public struct WorkerListener: Service {
    let socketPath: String
    let pool: WorkerPool
    let logger: Logger
    let onBound: @Sendable () async -> Void
    /// Decides about a run a re-connecting worker still holds (issue 13); nil: never adopt.
    let runs: RunManager?

    public init(
        socketPath: String, pool: WorkerPool, runs: RunManager? = nil, logger: Logger, onBound: @escaping @Sendable () async -> Void = {}
    ) {
        self.socketPath = socketPath
        self.pool = pool
        self.runs = runs
        self.logger = logger
        self.onBound = onBound
    }

    public func run() async throws {
        // Mode 0600: only our own uid may connect (the socket lives in the service's runtime dir too).
        let listener = try IPCSocketListener(unixPath: socketPath)
        logger.info("worker socket listening", metadata: ["socket": "\(socketPath)"])
        await onBound()
        let connections = listener.connections()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { handlers in
                    for await socket in connections {
                        handlers.addTask { await handle(socket) }
                    }
                }
            }
            // Drain: admit no new runs, let running ones end (the gateway interrupts them at
            // its deadline), then close every worker connection.
            try? await gracefulShutdown()
            await pool.beginDrain()
            await pool.waitUntilIdle()
            listener.close()
            group.cancelAll()
        }
    }

    private func handle(_ socket: IPCSocket) async {
        // Trust the kernel's view of the peer, not the worker's claim: the pid is what the
        // gateway SIGKILLs when enforcing a budget.
        let peer = socket.peerPid
        do {
            try await IPCChannel.run(socket: socket) { connection in
                var iterator = connection.messages.makeAsyncIterator()
                let (hello, adoption) = try await connection.acceptWorkerHandshake(iterator: &iterator) { [runs] hello in
                    await runs?.adopt(hello, pid: peer ?? hello.pid, connection: connection)
                }
                let pid = peer ?? hello.pid
                if let peer, peer != hello.pid {
                    logger.warning("worker hello pid mismatch", metadata: ["worker.pid": "\(peer)", "claimed": "\(hello.pid)"])
                }
                // A worker whose held run was not adopted gives it up and exits.
                if hello.heldRun != nil, adoption == nil { return }
                if adoption == nil {
                    await pool.attach(pid: pid, connection: connection, maxRuns: hello.maxRuns, kind: hello.kind ?? .agent, sandbox: hello.sandbox)
                }
                do {
                    while let message = try await iterator.next() {
                        if let answer = await pool.deliver(from: pid, message) { try await connection.send(answer) }
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
}

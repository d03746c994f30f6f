#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging
import Synchronization

/// What a run's owner hears from the worker executing it.
public enum WorkerRunMessage: Sendable, Equatable {
    case event(RunEvent)
    case end(RunEnd)
    /// The worker's connection closed before `end` (crash, kill, or it exited).
    case workerLost(pid: Int32)
    /// A request from the run (tool call, tool result, workspace operation, usage).
    case request(IPCMessage)
}

/// Why a run could not be handed to a worker.
public enum WorkerPoolError: Error, Sendable, Equatable {
    /// No idle worker and the wait queue is full: answer 503 with Retry-After.
    case overloaded
    /// The gateway is draining.
    case shuttingDown
    /// The worker went away while we were handing it the run.
    case dispatchFailed(String)
}

/// The workers connected to this gateway and the runs they execute.
///
/// Workers are spawned by the supervisor and connect here; the pool hands each run to an
/// idle worker (FIFO), queues a bounded number of runs when none is idle, routes worker
/// frames to the run's owner, and can cancel or SIGKILL a run's worker: enforcement lives
/// here, outside the worker.
public actor WorkerPool {
    struct Worker {
        let pid: Int32
        let connection: IPCConnection
        var runsLeft: Int?  // nil = unlimited
        var runId: String?
    }

    private var workers: [Int32: Worker] = [:]
    private var idle: [Int32] = []
    /// Runs waiting for a worker, FIFO. Outside the actor's isolation so that a cancelled
    /// wait leaves the queue at once (from its cancellation handler, without a task).
    private nonisolated let waiters = WaitQueue()
    private var runs: [String: (pid: Int32, sink: AsyncStream<WorkerRunMessage>.Continuation)] = [:]
    private var draining = false
    private let maxQueue: Int
    private let logger: Logger
    private var statusSinks: [AsyncStream<PoolStatus>.Continuation] = []

    public init(maxQueue: Int = 64, logger: Logger) {
        self.maxQueue = maxQueue
        self.logger = logger
    }

    // MARK: Status

    public var status: PoolStatus {
        PoolStatus(
            idlePids: idle,
            busyPids: workers.values.filter { $0.runId != nil }.map(\.pid).sorted(),
            activeRuns: runs.count + waiters.count
        )
    }

    public var queuedRuns: Int { waiters.count }
    public var hasCapacity: Bool { !draining && !workers.isEmpty && waiters.count < maxQueue }

    /// A stream of the pool's status, starting with the current one, then after every change.
    public func statusUpdates() -> AsyncStream<PoolStatus> {
        let (stream, sink) = AsyncStream<PoolStatus>.makeStream(bufferingPolicy: .bufferingNewest(1))
        sink.yield(status)
        statusSinks.append(sink)
        return stream
    }

    private func publish() {
        resumeIdleWaitersIfIdle()
        let current = status
        for sink in statusSinks { sink.yield(current) }
    }

    // MARK: Workers (called by the listener)

    func attach(pid: Int32, connection: IPCConnection, maxRuns: Int?) {
        let runsLeft = (maxRuns ?? 1) == 0 ? nil : (maxRuns ?? 1)
        workers[pid] = Worker(pid: pid, connection: connection, runsLeft: runsLeft, runId: nil)
        logger.info("worker attached", metadata: ["worker.pid": "\(pid)"])
        makeIdle(pid)
    }

    func detach(pid: Int32) {
        guard let worker = workers.removeValue(forKey: pid) else { return }
        idle.removeAll { $0 == pid }
        if let runId = worker.runId, let run = runs.removeValue(forKey: runId) {
            logger.warning("worker lost during run", metadata: ["worker.pid": "\(pid)", "run.id": "\(runId)"])
            run.sink.yield(.workerLost(pid: pid))
            run.sink.finish()
        } else {
            logger.debug("worker detached", metadata: ["worker.pid": "\(pid)"])
        }
        publish()
    }

    func deliver(from pid: Int32, _ message: IPCMessage) {
        switch message {
        case .runEvent(let event):
            guard let run = runs[event.runId], run.pid == pid else { return dropped(message, pid) }
            run.sink.yield(.event(event))
        case .runEnd(let end):
            guard let run = runs[end.runId], run.pid == pid else { return dropped(message, pid) }
            runs[end.runId] = nil
            run.sink.yield(.end(end))
            run.sink.finish()
            finishRun(pid: pid)
        case .toolCall(let call): route(call.runId, pid, message)
        case .toolResult(let result): route(result.runId, pid, message)
        case .workspaceRequest(let request): route(request.runId, pid, message)
        case .usage(let usage): route(usage.runId, pid, message)
        default:
            dropped(message, pid)
        }
    }

    private func route(_ runId: String, _ pid: Int32, _ message: IPCMessage) {
        guard let run = runs[runId], run.pid == pid else { return dropped(message, pid) }
        run.sink.yield(.request(message))
    }

    /// Sends `message` to the worker executing `runId` (decisions, workspace answers).
    public func send(runId: String, _ message: IPCMessage) async {
        guard let run = runs[runId], let worker = workers[run.pid] else { return }
        try? await worker.connection.send(message)
    }

    /// True when a run would start or queue now (not draining, queue not full).
    public var canAdmit: Bool { !draining && waiters.count < maxQueue }

    private func dropped(_ message: IPCMessage, _ pid: Int32) {
        logger.warning("unexpected frame from worker", metadata: ["worker.pid": "\(pid)", "type": "\(message.kind.rawValue)"])
    }

    private func finishRun(pid: Int32) {
        guard var worker = workers[pid] else { return publish() }
        worker.runId = nil
        if let left = worker.runsLeft { worker.runsLeft = left - 1 }
        workers[pid] = worker
        if worker.runsLeft.map({ $0 > 0 }) ?? true {
            makeIdle(pid)
        } else {
            publish()  // it will exit; the supervisor spawns a fresh one
        }
    }

    private func makeIdle(_ pid: Int32) {
        // Hand the worker to the first run that still waits; a cancelled wait is skipped.
        if waiters.handOver(pid, reserve: { reserve(pid) }) {
            publish()
            return
        }
        idle.append(pid)
        publish()
    }

    private func reserve(_ pid: Int32) {
        workers[pid]?.runId = ""  // reserved: busy, run id set when dispatched
    }

    // MARK: Runs

    /// Hands `start` to an idle worker, waiting in a bounded queue if none is idle, and
    /// returns the stream of what that worker reports for the run.
    public func dispatch(_ start: RunStart) async throws -> AsyncStream<WorkerRunMessage> {
        guard !draining else { throw WorkerPoolError.shuttingDown }
        let pid = try await acquire()
        guard let worker = workers[pid] else { throw WorkerPoolError.dispatchFailed("worker \(pid) went away") }
        let (stream, sink) = AsyncStream<WorkerRunMessage>.makeStream()
        workers[pid]?.runId = start.runId
        runs[start.runId] = (pid, sink)
        publish()
        do {
            try await worker.connection.send(.runStart(start))
        } catch {
            // The connection handler will detach the worker; make sure the run is not left hanging.
            if let run = runs.removeValue(forKey: start.runId) {
                run.sink.yield(.workerLost(pid: pid))
                run.sink.finish()
            }
        }
        logger.debug("run dispatched", metadata: ["run.id": "\(start.runId)", "worker.pid": "\(pid)"])
        return stream
    }

    private func acquire() async throws -> Int32 {
        if !idle.isEmpty {
            let pid = idle.removeFirst()
            reserve(pid)
            return pid
        }
        guard waiters.count < maxQueue else { throw WorkerPoolError.overloaded }
        let ticket = waiters.enqueue()
        publish()
        defer { publish() }
        return try await waiters.wait(ticket)
    }

    /// Asks the run's worker to stop (a `cancel` frame). Returns false if the run is unknown.
    @discardableResult
    public func cancel(runId: String, reason: String) async -> Bool {
        guard let run = runs[runId], let worker = workers[run.pid] else { return false }
        try? await worker.connection.send(.cancel(Cancel(runId: runId, reason: reason)))
        return true
    }

    /// SIGKILLs the run's worker (it ignored `cancel`). Its connection then closes and the
    /// run's stream gets `.workerLost`.
    @discardableResult
    public func kill(runId: String) -> Int32? {
        guard let run = runs[runId] else { return nil }
        logger.warning("killing worker", metadata: ["worker.pid": "\(run.pid)", "run.id": "\(runId)"])
        Glibc.kill(run.pid, SIGKILL)
        return run.pid
    }

    /// Stops admitting runs; queued ones fail with `shuttingDown`.
    public func beginDrain() {
        draining = true
        waiters.failAll(WorkerPoolError.shuttingDown)
        publish()
    }

    public var runningRunIDs: [String] { Array(runs.keys) }

    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Returns once no run is executing or queued.
    public func waitUntilIdle() async {
        guard !runs.isEmpty || waiters.count > 0 else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func resumeIdleWaitersIfIdle() {
        guard runs.isEmpty, waiters.count == 0, !idleWaiters.isEmpty else { return }
        idleWaiters.forEach { $0.resume() }
        idleWaiters.removeAll()
    }
}

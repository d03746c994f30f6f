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

extension WorkerRunMessage {
    /// The worker's number for this frame, when it is a numbered one (issue 13).
    var wseq: Int? {
        switch self {
        case .event(let event): event.wseq
        case .request(let message): message.wseq
        case .end, .workerLost: nil
        }
    }
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
/// Workers are spawned by the supervisor and connect here, each saying which kind it is. The
/// pool hands each run to an idle worker of the kind its job needs (``RunJob/workerKind``),
/// FIFO, queues a bounded number of runs per kind when none is idle, routes worker frames to
/// the run's owner, and can cancel or SIGKILL a run's worker: enforcement lives here, outside
/// the worker.
///
/// Privilege separation is kept here too: provider keys (``ProviderSetup``) are attached to
/// agent runs only, and a document job an agent run asks for goes to the
/// ``DocumentJobBroker``, which runs it on a document worker.
public actor WorkerPool {
    struct Worker {
        let pid: Int32
        let connection: IPCConnection
        let kind: WorkerKind
        let sandbox: SandboxReport?
        var runsLeft: Int?  // nil = unlimited
        var runId: String?
    }

    struct Run {
        let pid: Int32
        let sessionId: String
        let kind: WorkerKind
        let sink: AsyncStream<WorkerRunMessage>.Continuation
        /// A run a restarted gateway could adopt (a session's run, not a one-off job): its
        /// worker keeps it after `run_end` until ``acknowledgeEnd(runId:)``.
        var adoptable = false
    }

    private var workers: [Int32: Worker] = [:]
    private var idle: [WorkerKind: [Int32]] = [.agent: [], .document: []]
    /// Runs waiting for a worker of each kind, FIFO. Outside the actor's isolation so that a
    /// cancelled wait leaves the queue at once (from its cancellation handler, without a task).
    private nonisolated let waiters: [WorkerKind: WaitQueue] = [.agent: WaitQueue(), .document: WaitQueue()]
    private var runs: [String: Run] = [:]
    /// Runs whose worker sent its end, until the end is durable and the worker told so
    /// (``acknowledgeEnd(runId:)``): run id → worker pid.
    private var endedRuns: [String: Int32] = [:]
    private var draining = false
    private let maxQueue: Int
    private let logger: Logger
    private var statusSinks: [AsyncStream<PoolStatus>.Continuation] = []
    private let providers: ProviderSetupSource?
    private nonisolated let broker = Mutex<DocumentJobBroker?>(nil)
    /// How recent workers ended, as the supervisor reported (bounded).
    private var exits: [Int32: WorkerExit] = [:]
    private var exitOrder: [Int32] = []
    private var exitWaiters: [Int32: [CheckedContinuation<WorkerExit?, Never>]] = [:]

    /// - Parameters:
    ///   - providers: what agent runs are told about the providers (nil: nothing, tests).
    public init(maxQueue: Int = 64, providers: ProviderSetupSource? = nil, logger: Logger) {
        self.maxQueue = maxQueue
        self.providers = providers
        self.logger = logger
    }

    /// Where document jobs requested by agent runs go (set once, when the gateway is built).
    public nonisolated func use(documentJobs: DocumentJobBroker) {
        broker.withLock { $0 = documentJobs }
    }

    // MARK: Status

    public var status: PoolStatus {
        PoolStatus(
            idlePids: WorkerKind.allCases.flatMap { idle[$0] ?? [] },
            busyPids: workers.values.filter { $0.runId != nil }.map(\.pid).sorted(),
            activeRuns: runs.count + queuedRuns
        )
    }

    /// Idle and busy workers of `kind`.
    public func counts(of kind: WorkerKind) -> (idle: Int, busy: Int) {
        let ofKind = workers.values.filter { $0.kind == kind }
        return (idle[kind]?.count ?? 0, ofKind.filter { $0.runId != nil }.count)
    }

    /// The weakest confinement among connected workers (nil: none connected). `/readyz`
    /// reports it, so an operator sees a kernel without Landlock.
    public var weakestSandbox: SandboxReport? {
        let reports = workers.values.map { $0.sandbox ?? .none }
        guard let first = reports.first else { return nil }
        return reports.dropFirst().reduce(first) { weakest, report in
            SandboxReport(
                landlockABI: min(weakest.landlockABI, report.landlockABI), seccomp: weakest.seccomp && report.seccomp,
                noNewPrivileges: weakest.noNewPrivileges && report.noNewPrivileges,
                capabilitiesDropped: weakest.capabilitiesDropped && report.capabilitiesDropped)
        }
    }

    public nonisolated var queuedRuns: Int { waiters.values.reduce(0) { $0 + $1.count } }
    public var hasCapacity: Bool { !draining && !workers.isEmpty && queuedRuns < maxQueue }

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

    func attach(pid: Int32, connection: IPCConnection, maxRuns: Int?, kind: WorkerKind = .agent, sandbox: SandboxReport? = nil) {
        let runsLeft = (maxRuns ?? 1) == 0 ? nil : (maxRuns ?? 1)
        workers[pid] = Worker(pid: pid, connection: connection, kind: kind, sandbox: sandbox, runsLeft: runsLeft, runId: nil)
        logger.info("worker attached", metadata: [
            "worker.pid": "\(pid)", "worker.kind": "\(kind.rawValue)", "sandbox.landlock_abi": "\(sandbox?.landlockABI ?? 0)",
            "sandbox.seccomp": "\(sandbox?.seccomp ?? false)",
        ])
        makeIdle(pid)
    }

    /// A worker re-connected holding `runId`, which the run manager adopted (issue 13): it is
    /// busy with that run from the start, and what it sends for it flows to the returned stream.
    func adopt(
        pid: Int32, connection: IPCConnection, maxRuns: Int?, kind: WorkerKind, sandbox: SandboxReport?, runId: String, sessionId: String
    ) -> AsyncStream<WorkerRunMessage> {
        let runsLeft = (maxRuns ?? 1) == 0 ? nil : (maxRuns ?? 1)
        workers[pid] = Worker(pid: pid, connection: connection, kind: kind, sandbox: sandbox, runsLeft: runsLeft, runId: runId)
        let (stream, sink) = AsyncStream<WorkerRunMessage>.makeStream()
        runs[runId] = Run(pid: pid, sessionId: sessionId, kind: kind, sink: sink, adoptable: true)
        logger.info("worker re-attached with its run", metadata: [
            "worker.pid": "\(pid)", "worker.kind": "\(kind.rawValue)", "run.id": "\(runId)",
            "sandbox.landlock_abi": "\(sandbox?.landlockABI ?? 0)", "sandbox.seccomp": "\(sandbox?.seccomp ?? false)",
        ])
        publish()
        return stream
    }

    func detach(pid: Int32) {
        guard let worker = workers.removeValue(forKey: pid) else { return }
        endedRuns = endedRuns.filter { $0.value != pid }
        idle[worker.kind]?.removeAll { $0 == pid }
        if let runId = worker.runId, let run = runs.removeValue(forKey: runId) {
            logger.warning("worker lost during run", metadata: ["worker.pid": "\(pid)", "run.id": "\(runId)"])
            run.sink.yield(.workerLost(pid: pid))
            run.sink.finish()
        } else {
            logger.debug("worker detached", metadata: ["worker.pid": "\(pid)"])
        }
        publish()
    }

    /// Routes one frame from worker `pid`. Returns the answer its connection's reader must
    /// send back, if any (the pool never waits on a worker's socket itself).
    @discardableResult
    func deliver(from pid: Int32, _ message: IPCMessage) -> IPCMessage? {
        switch message {
        case .runEvent(let event):
            guard let run = runs[event.runId], run.pid == pid else { dropped(message, pid); return nil }
            run.sink.yield(.event(event))
        case .runEnd(let end):
            guard let run = runs[end.runId], run.pid == pid else { dropped(message, pid); return nil }
            runs[end.runId] = nil
            var answer: IPCMessage?
            if run.adoptable, end.outcome != .suspended {
                endedRuns[end.runId] = pid
            } else if workers[pid] != nil {
                // Nothing to hand over for it: the worker may let it go now.
                answer = .runEventAck(RunEventAck(runId: end.runId, wseq: 0, ended: true))
            }
            run.sink.yield(.end(end))
            run.sink.finish()
            finishRun(pid: pid)
            return answer
        case .toolCall(let call): route(call.runId, pid, message)
        case .toolResult(let result): route(result.runId, pid, message)
        case .workspaceRequest(let request): route(request.runId, pid, message)
        case .usage(let usage): route(usage.runId, pid, message)
        case .documentJob(let request): documentJobRequested(request, by: pid)
        default:
            dropped(message, pid)
        }
        return nil
    }

    private func route(_ runId: String, _ pid: Int32, _ message: IPCMessage) {
        guard let run = runs[runId], run.pid == pid else { return dropped(message, pid) }
        run.sink.yield(.request(message))
    }

    /// An agent run asks for a preview or an export: only an agent worker's own run may, only
    /// for the jobs an agent run may request; anything else is answered with a refusal.
    private func documentJobRequested(_ request: DocumentJobRequest, by pid: Int32) {
        guard let run = runs[request.runId], run.pid == pid, run.kind == .agent else { return dropped(.documentJob(request), pid) }
        guard let documentJobs = broker.withLock({ $0 }) else { return dropped(.documentJob(request), pid) }
        guard request.job.kind.isRequestableByAgentRun else {
            logger.warning("document job refused", metadata: ["run.id": "\(request.runId)", "kind": "\(request.job.kind.rawValue)"])
            let refusal = RunEnd(
                runId: request.runId, outcome: .failed,
                failure: .init(kind: .internal, code: "job_not_allowed", message: "A run may not ask for a \(request.job.kind.rawValue) job."))
            return documentJobs.submit(request, sessionId: run.sessionId, replyTo: self, refusal: refusal)
        }
        documentJobs.submit(request, sessionId: run.sessionId, replyTo: self)
    }

    /// Sends `message` to the worker executing `runId` (decisions, workspace answers).
    public func send(runId: String, _ message: IPCMessage) async {
        guard let run = runs[runId], let worker = workers[run.pid] else { return }
        try? await worker.connection.send(message)
    }

    /// The run's terminal event is persisted: its worker, which kept the run in case this
    /// gateway died before that, may let it go (issue 13).
    public func acknowledgeEnd(runId: String) async {
        guard let pid = endedRuns.removeValue(forKey: runId), let worker = workers[pid] else { return }
        try? await worker.connection.send(.runEventAck(RunEventAck(runId: runId, wseq: 0, ended: true)))
    }

    /// True when an agent run would start or queue now (not draining, queue not full).
    public var canAdmit: Bool { !draining && (waiters[.agent]?.count ?? 0) < maxQueue }

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
        guard let kind = workers[pid]?.kind else { return }
        // Hand the worker to the first run that still waits; a cancelled wait is skipped.
        if waiters[kind]?.handOver(pid, reserve: { reserve(pid) }) == true {
            publish()
            return
        }
        idle[kind, default: []].append(pid)
        publish()
    }

    private func reserve(_ pid: Int32) {
        workers[pid]?.runId = ""  // reserved: busy, run id set when dispatched
    }

    // MARK: Runs

    /// Hands `start` to an idle worker of the kind its job needs, waiting in a bounded queue
    /// if none is idle, and returns the stream of what that worker reports for the run. An
    /// agent run is given the provider settings and keys; nothing else ever is.
    ///
    /// `adoptable`: a session's run (``RunManager``), which a restarted gateway may adopt; its
    /// worker holds its end until it is durable.
    public func dispatch(_ start: RunStart, adoptable: Bool = false) async throws -> AsyncStream<WorkerRunMessage> {
        guard !draining else { throw WorkerPoolError.shuttingDown }
        let kind = start.job.workerKind
        var start = start
        start.providerSetup = nil
        if case .agent = start.job, let providers {
            start.providerSetup = await providers.setup()
        }
        let pid = try await acquire(kind)
        guard let worker = workers[pid] else { throw WorkerPoolError.dispatchFailed("worker \(pid) went away") }
        let (stream, sink) = AsyncStream<WorkerRunMessage>.makeStream()
        workers[pid]?.runId = start.runId
        runs[start.runId] = Run(pid: pid, sessionId: start.sessionId, kind: kind, sink: sink, adoptable: adoptable)
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
        logger.debug("run dispatched", metadata: ["run.id": "\(start.runId)", "worker.pid": "\(pid)", "worker.kind": "\(kind.rawValue)"])
        return stream
    }

    private func acquire(_ kind: WorkerKind) async throws -> Int32 {
        if let pid = idle[kind]?.first {
            idle[kind]?.removeFirst()
            reserve(pid)
            return pid
        }
        guard let queue = waiters[kind], queue.count < maxQueue else { throw WorkerPoolError.overloaded }
        let ticket = queue.enqueue()
        publish()
        defer { publish() }
        return try await queue.wait(ticket)
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
        waiters.values.forEach { $0.failAll(WorkerPoolError.shuttingDown) }
        publish()
    }

    public var runningRunIDs: [String] { Array(runs.keys) }

    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Returns once no run is executing or queued.
    public func waitUntilIdle() async {
        guard !runs.isEmpty || queuedRuns > 0 else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func resumeIdleWaitersIfIdle() {
        guard runs.isEmpty, queuedRuns == 0, !idleWaiters.isEmpty else { return }
        idleWaiters.forEach { $0.resume() }
        idleWaiters.removeAll()
    }

    // MARK: Worker exits (from the supervisor)

    static let rememberedExits = 256

    /// The supervisor saw worker `exit.pid` end.
    public func recordExit(_ exit: WorkerExit) {
        exits[exit.pid] = exit
        exitOrder.append(exit.pid)
        if exitOrder.count > Self.rememberedExits { exits[exitOrder.removeFirst()] = nil }
        exitWaiters.removeValue(forKey: exit.pid)?.forEach { $0.resume(returning: exit) }
        if exit.sandboxViolation {
            logger.error("worker killed by its sandbox", metadata: ["worker.pid": "\(exit.pid)", "exit.signal": "\(exit.signal ?? 0)"])
        }
    }

    /// How worker `pid` ended, waiting up to `timeout` for the supervisor's word (the
    /// connection closes before the exit is reaped and reported).
    public func exit(of pid: Int32, within timeout: Duration) async -> WorkerExit? {
        guard pid > 0 else { return nil }
        if let known = exits[pid] { return known }
        return await withTaskGroup(of: WorkerExit?.self) { group in
            group.addTask { await self.awaitExit(pid) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                await self.giveUpWaiting(for: pid)
                return nil
            }
            var found: WorkerExit?
            for await answer in group {
                if let answer { found = answer }
                group.cancelAll()
            }
            return found
        }
    }

    private func awaitExit(_ pid: Int32) async -> WorkerExit? {
        if let known = exits[pid] { return known }
        return await withCheckedContinuation { exitWaiters[pid, default: []].append($0) }
    }

    private func giveUpWaiting(for pid: Int32) {
        exitWaiters.removeValue(forKey: pid)?.forEach { $0.resume(returning: exits[pid]) }
    }
}

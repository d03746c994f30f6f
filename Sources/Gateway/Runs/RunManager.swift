import Foundation
import IPC
import Logging
import ServiceLifecycle
import ServiceSupport
import Store
import Synchronization

/// Owns every live run: starts its controller, hands it to a worker, pumps the worker's
/// frames, and on shutdown lets runs finish until the drain deadline, then interrupts them
/// (`shutdown`). Per-run work lives in this service's task group: each run's pump and its
/// deadline loop are child tasks, awaited before the run is forgotten.
public actor RunManager: Service {
    let store: Store
    let log: EventLog
    let pool: WorkerPool
    let workspace: Workspace
    let limits: RunLimits
    let pricing: ProviderPricing
    let tenants: TenantGuard
    let drainDeadline: Duration
    let clock: AnyClock
    let logger: Logger
    private var controllers: [String: RunController] = [:]
    private var draining = false
    private let emptied = AsyncSignal()
    /// A run to execute: a fresh start, or one adopted with its worker already attached.
    enum Work: Sendable {
        case start(RunController, RunStart)
        case adopted(RunController, RunStart, AsyncStream<WorkerRunMessage>)
    }
    private let (starts, startSink) = AsyncStream<Work>.makeStream()
    /// Runs a previous gateway left running, until their workers claim them or the grace ends.
    let orphans: OrphanedRuns
    private let acks = WorkerAcks()
    /// Durable marks due to their workers, sent by a child task of ``run()`` (the event log
    /// reports them from its writer, which must not wait on a socket).
    private let (dueAcks, dueAckSink) = AsyncStream<[(runId: String, wseq: Int)]>.makeStream()

    init(
        store: Store, log: EventLog, pool: WorkerPool, workspace: Workspace, limits: RunLimits, pricing: ProviderPricing, tenants: TenantGuard,
        drainDeadline: Duration, clock: AnyClock = .continuous(), logger: Logger, orphans: [RunRecord] = []
    ) {
        self.orphans = OrphanedRuns(orphans)
        // Readers of a run waiting for adoption wait with it: its stream stays open, and picks
        // up after what the store holds.
        for run in orphans { log.open(runId: run.id, persistedSeq: run.lastSeq) }
        let acks = self.acks
        let dueAckSink = self.dueAckSink
        // Workers forget frames once they are durable; acknowledged every few frames, not per event.
        log.onDurable { marks in
            let due = acks.due(marks)
            guard !due.isEmpty else { return }
            dueAckSink.yield(due.map { (runId: $0.0, wseq: $0.1) })
        }
        self.tenants = tenants
        self.store = store
        self.log = log
        self.pool = pool
        self.workspace = workspace
        self.limits = limits
        self.pricing = pricing
        self.drainDeadline = drainDeadline
        self.clock = clock
        self.logger = logger
    }

    public nonisolated func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                await self.drain()
                self.startSink.finish()
                self.dueAckSink.finish()
            }
            group.addTask {
                for await due in self.dueAcks {
                    for (runId, wseq) in due { await self.pool.send(runId: runId, .runEventAck(RunEventAck(runId: runId, wseq: wseq))) }
                }
            }
            for (controller, start) in await restoreSuspendedRuns() {
                group.addTask { await self.execute(controller, start, suspended: true) }
            }
            if !orphans.isEmpty {
                group.addTask { await self.expireOrphansAfterGrace() }
            }
            for await work in starts {
                switch work {
                case .start(let controller, let start):
                    group.addTask { await self.execute(controller, start) }
                case .adopted(let controller, let start, let messages):
                    group.addTask { await self.execute(controller, start, adopted: messages) }
                }
            }
        }
    }

    /// Runs a previous gateway left suspended for a decision: each gets its controller back,
    /// waiting for the same approval (whose expiry still counts from when it was proposed).
    private func restoreSuspendedRuns() async -> [(RunController, RunStart)] {
        var restored: [(RunController, RunStart)] = []
        for saved in (try? await store.suspendedRuns()) ?? [] {
            guard let run = try? await store.run(id: saved.runId, sessionId: saved.sessionId),
                  let approval = try? await store.approval(id: saved.approvalId, sessionId: saved.sessionId),
                  let job = try? JSONDecoder().decode(RunJob.self, from: Data(saved.job.utf8)),
                  let checkpoint = try? JSONValue.parse(bytes: Array(saved.checkpoint.utf8)) else {
                logger.warning("a suspended run could not be restored", metadata: ["run.id": "\(saved.runId)"])
                try? await store.clearSuspension(runId: saved.runId)
                continue
            }
            let writes = (try? JSONDecoder().decode([PlannedWrite].self, from: Data(saved.writes.utf8))) ?? []
            let controller = RunController(
                runId: run.id, sessionId: run.sessionId, store: store, log: log, pool: pool, workspace: workspace, limits: limits,
                pricing: pricing, tenants: tenants, clock: clock, logger: logger, job: job)
            await controller.restore(suspension: saved, checkpoint: checkpoint, writes: writes, approval: approval, lastSeq: run.lastSeq)
            controllers[run.id] = controller
            logger.info("restored a run suspended for a decision", metadata: ["run.id": "\(run.id)", "session.id": "\(run.sessionId)"])
            restored.append((controller, RunStart(runId: run.id, sessionId: run.sessionId, job: job)))
        }
        return restored
    }

    /// Starts a run admitted by the store. Its events flow from here on.
    func start(run: RunRecord, job: RunJob) async -> RunController {
        let controller = RunController(
            runId: run.id, sessionId: run.sessionId, store: store, log: log, pool: pool, workspace: workspace, limits: limits,
            pricing: pricing, tenants: tenants, clock: clock, logger: logger, job: job
        )
        controllers[run.id] = controller
        await controller.start(provider: pricing.primaryProvider, model: pricing.primaryModel)
        guard !draining else {
            // Admitted just as shutdown began: it still gets its terminal event.
            await controller.interrupt(.shutdown)
            await controller.close()
            forget(run.id)
            return controller
        }
        startSink.yield(.start(controller, RunStart(runId: run.id, sessionId: run.sessionId, job: job)))
        return controller
    }

    private nonisolated func execute(
        _ controller: RunController, _ start: RunStart, suspended: Bool = false, adopted: AsyncStream<WorkerRunMessage>? = nil
    ) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await controller.runDeadlines() }
            var start = start
            var waiting = suspended
            var attached = adopted
            while true {
                if let messages = attached {
                    attached = nil
                    await controller.pump(messages)
                } else if !waiting, let messages = await dispatch(start, until: controller) {
                    await controller.pump(messages)
                }
                waiting = false
                // Suspended for a person's decision: no worker is held until it is made.
                guard let resume = await controller.resumption(), case .agent(var request) = start.job else { break }
                request.resume = resume
                start.job = .agent(request)
            }
            await controller.waitUntilFinished()
            await pool.acknowledgeEnd(runId: start.runId)
            await controller.close()
        }
        await forget(start.runId)
    }

    /// Waits for a worker, unless the run ends first (interrupted or timed out while queued):
    /// then the wait is abandoned and no worker is taken.
    private nonisolated func dispatch(_ start: RunStart, until controller: RunController) async -> AsyncStream<WorkerRunMessage>? {
        enum Race: Sendable {
            case dispatched(AsyncStream<WorkerRunMessage>)
            case refused(any Error)
            case ended
        }
        let pool = self.pool
        let outcome = await withTaskGroup(of: Race.self) { group -> Race in
            group.addTask {
                do { return .dispatched(try await pool.dispatch(start, adoptable: true)) } catch { return .refused(error) }
            }
            group.addTask {
                await controller.waitUntilFinished()
                return .ended
            }
            let first = await group.next() ?? .ended
            group.cancelAll()
            // A worker handed over in the same instant the run ended must still be stopped.
            if case .ended = first, case .dispatched(let late)? = await group.next() { return .dispatched(late) }
            return first
        }
        switch outcome {
        case .dispatched(let messages): return messages
        case .refused(let error):
            if !(error is CancellationError) { await controller.notDispatched(error) }
            return nil
        case .ended:
            return nil
        }
    }

    private func forget(_ runId: String) {
        controllers[runId] = nil
        acks.forget(runId)
        if controllers.isEmpty { emptied.raise() }
    }

    func controller(_ runId: String) -> RunController? { controllers[runId] }
    public var liveRunCount: Int { controllers.count }
    public var isDraining: Bool { draining }

    /// Let runs finish until the deadline, then interrupt the rest with `shutdown`.
    private func drain() async {
        draining = true
        guard !controllers.isEmpty else { return }
        logger.info("draining runs", metadata: ["count": "\(controllers.count)"])
        let clock = self.clock, deadline = clock.now.advanced(by: drainDeadline), emptied = self.emptied
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline, tolerance: nil) }
            group.addTask {
                while await !self.controllers.isEmpty, !Task.isCancelled { await emptied.wait() }
            }
            await group.next()
            group.cancelAll()
        }
        for controller in controllers.values {
            await controller.interrupt(.shutdown)
            await controller.waitUntilFinished()
        }
    }

    // MARK: Runs whose gateway died under them (issue 13)

    /// Sorts the runs a previous gateway left unfinished: those that were running are
    /// returned, to wait ``ReattachPolicy/grace`` for their workers to re-attach; the rest
    /// (queued, never on a worker) end now with `gateway_restarted`, as ``recover(store:logger:)``.
    public static func recoverForAdoption(store: Store, logger: Logger) async throws -> [RunRecord] {
        let suspended = Set(try await store.suspendedRuns().map(\.runId))
        var waiting: [RunRecord] = []
        for run in try await store.unfinishedRuns() where !suspended.contains(run.id) {
            if run.status == .running {
                waiting.append(run)
                continue
            }
            try await store.append([try restartFailure(run)], terminalReasons: [run.id: FailureReason.internal.rawValue])
            logger.warning("recovered unfinished run", metadata: ["run.id": "\(run.id)", "session.id": "\(run.sessionId)"])
        }
        if !waiting.isEmpty {
            logger.info("waiting for workers to re-attach", metadata: ["runs": "\(waiting.count)", "grace_s": "\(ReattachPolicy.grace.components.seconds)"])
        }
        return waiting
    }

    private static func restartFailure(_ run: RunRecord) throws -> EventRecord {
        let payload = EventPayload.runFailed(
            reason: .internal, code: "gateway_restarted", message: "The server restarted while this run was in progress.")
        return EventRecord(
            id: Identifier.make("evt"), runId: run.id, sessionId: run.sessionId, seq: run.lastSeq + 1, type: payload.type,
            ts: Timestamp.now(), payload: String(decoding: try JSONEncoder.compact.encode(payload.json), as: UTF8.self)
        )
    }

    /// When the grace ends (or the gateway stops first), unclaimed runs fail as before.
    private nonisolated func expireOrphansAfterGrace() async {
        let clock = self.clock
        try? await cancelWhenGracefulShutdown { try await clock.sleep(for: ReattachPolicy.grace) }
        for run in orphans.expire() { await failOrphan(run, why: "not re-attached within the grace") }
    }

    /// Ends an orphan with `gateway_restarted`, through the log (its readers see the end).
    private func failOrphan(_ run: RunRecord, why: String) {
        guard let event = try? Self.restartFailure(run) else { return }
        log.append(event, terminalReason: FailureReason.internal.rawValue)
        logger.warning("recovered unfinished run", metadata: ["run.id": "\(run.id)", "session.id": "\(run.sessionId)", "why": "\(why)"])
    }

    /// A worker re-connected holding a run: adopt it when it is one of ours still waiting,
    /// from the same session and job kind, and nothing it awaits was already answered.
    /// Returns what the worker replays from; nil: the worker gives the run up.
    func adopt(_ hello: Hello, pid: Int32, connection: IPCConnection) async -> RunAdoption? {
        guard let held = hello.heldRun else { return nil }
        let kind = hello.kind ?? .agent
        guard case .adopted(let run) = orphans.claim(runId: held.runId, sessionId: held.sessionId) else {
            logger.info("re-attaching worker's run is not ours to adopt", metadata: ["run.id": "\(held.runId)", "worker.pid": "\(pid)"])
            return nil
        }
        guard !draining, let job = held.job, job.workerKind == kind, let persisted = try? await store.workerSeq(runId: run.id),
              persisted < held.nextWseq else {
            failOrphan(run, why: "re-attached worker's claim does not match the run")
            return nil
        }
        // A request the old gateway applied and persisted, whose answer the worker never got,
        // cannot be answered again without applying it twice: that run is given up.
        if held.awaiting.contains(where: { $0 <= persisted }) {
            failOrphan(run, why: "it waited for an answer lost with the old gateway")
            return nil
        }
        let steps = ((try? await store.events(runId: run.id)) ?? []).filter { $0.type == .toolCallProposed }.count
        let controller = RunController(
            runId: run.id, sessionId: run.sessionId, store: store, log: log, pool: pool, workspace: workspace, limits: limits,
            pricing: pricing, tenants: tenants, clock: clock, logger: logger, job: job, persistedSeq: run.lastSeq)
        await controller.adopt(lastSeq: run.lastSeq, workerSeq: persisted, createdAt: run.createdAt, steps: steps)
        controllers[run.id] = controller
        let messages = await pool.adopt(
            pid: pid, connection: connection, maxRuns: hello.maxRuns, kind: kind, sandbox: hello.sandbox, runId: run.id, sessionId: run.sessionId)
        startSink.yield(.adopted(controller, RunStart(runId: run.id, sessionId: run.sessionId, job: job), messages))
        logger.info("run adopted", metadata: [
            "run.id": "\(run.id)", "session.id": "\(run.sessionId)", "worker.pid": "\(pid)", "persisted_wseq": "\(persisted)",
            "replay": "\(held.nextWseq - 1 - persisted)",
        ])
        return RunAdoption(runId: run.id, persistedWseq: persisted)
    }

    /// Ends runs a previous gateway left unfinished (it crashed under them): each gets its
    /// terminal event so every stream has an end. Runs suspended for a person's decision are
    /// kept: ``run()`` takes them up again, and they continue when the decision is made.
    public static func recover(store: Store, logger: Logger) async throws {
        let suspended = Set(try await store.suspendedRuns().map(\.runId))
        for run in try await store.unfinishedRuns() where !suspended.contains(run.id) {
            try await store.append([try restartFailure(run)], terminalReasons: [run.id: FailureReason.internal.rawValue])
            logger.warning("recovered unfinished run", metadata: ["run.id": "\(run.id)", "session.id": "\(run.sessionId)"])
        }
    }
}

import Foundation
import IPC
import Logging
import ServiceLifecycle
import Store

/// Owns every live run: starts its controller, hands it to a worker, pumps the worker's
/// frames, and on shutdown lets runs finish until the drain deadline, then interrupts them
/// (`shutdown`). Per-run work lives in this service's task group.
public actor RunManager: Service {
    let store: Store
    let pool: WorkerPool
    let workspace: Workspace
    let limits: RunLimits
    let pricing: ProviderPricing
    let drainDeadline: Duration
    let logger: Logger
    private var controllers: [String: RunController] = [:]
    private var draining = false
    private let (starts, startSink) = AsyncStream<(RunController, RunStart)>.makeStream()

    public init(
        store: Store, pool: WorkerPool, workspace: Workspace, limits: RunLimits, pricing: ProviderPricing,
        drainDeadline: Duration, logger: Logger
    ) {
        self.store = store
        self.pool = pool
        self.workspace = workspace
        self.limits = limits
        self.pricing = pricing
        self.drainDeadline = drainDeadline
        self.logger = logger
    }

    public nonisolated func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                await self.drain()
                self.startSink.finish()
            }
            for await (controller, start) in starts {
                group.addTask { await self.execute(controller, start) }
            }
        }
    }

    /// Starts a run admitted by the store. Its events flow from here on.
    func start(run: RunRecord, input: JSONValue) async throws -> RunController {
        let controller = RunController(
            runId: run.id, sessionId: run.sessionId, store: store, pool: pool, workspace: workspace, limits: limits,
            pricing: pricing, logger: logger
        )
        controllers[run.id] = controller
        await controller.start(provider: pricing.primaryProvider, model: pricing.primaryModel)
        guard !draining else {
            // Admitted just as shutdown began: it still gets its terminal event.
            await controller.interrupt(.shutdown)
            controllers[run.id] = nil
            return controller
        }
        startSink.yield((controller, RunStart(runId: run.id, sessionId: run.sessionId, input: input)))
        return controller
    }

    private func execute(_ controller: RunController, _ start: RunStart) async {
        do {
            let messages = try await pool.dispatch(start)
            await controller.pump(messages)
        } catch WorkerPoolError.overloaded {
            await controller.fail(reason: "internal", code: "overloaded", message: "The server was too busy to start this run; try again.")
        } catch WorkerPoolError.shuttingDown {
            await controller.interrupt(.shutdown)
        } catch {
            await controller.fail(reason: "internal", code: "dispatch_failed", message: "The run could not be started.")
        }
        await controller.waitUntilFinished()
        remove(start.runId)
    }

    private func remove(_ runId: String) {
        controllers[runId] = nil
    }

    func controller(_ runId: String) -> RunController? { controllers[runId] }
    public var liveRunCount: Int { controllers.count }
    public var isDraining: Bool { draining }

    /// Let runs finish until the deadline, then interrupt the rest with `shutdown`.
    private func drain() async {
        draining = true
        let live = Array(controllers.values)
        guard !live.isEmpty else { return }
        logger.info("draining runs", metadata: ["count": "\(live.count)"])
        let deadline = ContinuousClock.now + drainDeadline
        while !controllers.isEmpty, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for controller in controllers.values {
            await controller.interrupt(.shutdown)
            await controller.waitUntilFinished()
        }
    }

    /// Ends runs a previous gateway left unfinished (it crashed under them): each gets its
    /// terminal event so every stream has an end.
    public static func recover(store: Store, logger: Logger) async throws {
        for run in try await store.unfinishedRuns() {
            let payload = #"{"error":{"code":"gateway_restarted","message":"The server restarted while this run was in progress."},"reason":"internal"}"#
            let event = EventRecord(
                id: Identifier.make("evt"), runId: run.id, sessionId: run.sessionId, seq: run.lastSeq + 1, type: "run_failed",
                ts: Timestamp.now(), payload: payload
            )
            try await store.append([event], terminal: ("failed", "internal"))
            try await store.expirePendingApprovals(runId: run.id)
            logger.warning("recovered unfinished run", metadata: ["run.id": "\(run.id)", "session.id": "\(run.sessionId)"])
        }
    }
}

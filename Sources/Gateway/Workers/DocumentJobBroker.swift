import IPC
import Logging
import ServiceLifecycle

/// Runs the document jobs agent runs ask for (a preview to refresh, an export to render) on
/// document workers, and answers the asking worker. An agent worker links no document library
/// and its sandbox would not let it parse a file anyway; this is how its tools still render.
///
/// A service of its own: every job runs in a child task of ``run()``, which the gateway's
/// service group owns (stopped after the runs have drained).
public final class DocumentJobBroker: Service, Sendable {
    struct Pending: Sendable {
        let request: DocumentJobRequest
        let sessionId: String
        let pool: WorkerPool
        /// Set when the pool refused the request itself (answered without running anything).
        let refusal: RunEnd?
    }

    private let jobs: JobRunner
    private let logger: Logger
    private let requests: AsyncStream<Pending>
    private let sink: AsyncStream<Pending>.Continuation

    public init(jobs: JobRunner, logger: Logger) {
        self.jobs = jobs
        self.logger = logger
        (requests, sink) = AsyncStream<Pending>.makeStream()
    }

    /// Queues `request` from a run of `sessionId`; the answer goes back through `pool`.
    func submit(_ request: DocumentJobRequest, sessionId: String, replyTo pool: WorkerPool, refusal: RunEnd? = nil) {
        sink.yield(Pending(request: request, sessionId: sessionId, pool: pool, refusal: refusal))
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await pending in requests.cancelOnGracefulShutdown() {
                group.addTask { await self.handle(pending) }
            }
        }
    }

    private func handle(_ pending: Pending) async {
        let request = pending.request
        let end: RunEnd
        if let refusal = pending.refusal {
            end = refusal
        } else {
            end = await jobs.end(sessionId: pending.sessionId, request.job)
        }
        logger.debug("document job for a run", metadata: [
            "run.id": "\(request.runId)", "kind": "\(request.job.kind.rawValue)", "outcome": "\(end.outcome.rawValue)",
        ])
        await pending.pool.send(runId: request.runId, .documentJobResult(DocumentJobResult(runId: request.runId, requestId: request.requestId, end: end)))
    }
}

import Foundation
import IPC
import Logging
import ServiceSupport
import Store

/// Runs one-off document jobs on a worker (import a resume, render, export, fetch a JD):
/// untrusted input is parsed only in a worker, under its rlimits, with a deadline enforced
/// here. The deadline covers waiting for a worker too: a queue held by runs must not make an
/// upload hang.
public struct JobRunner: Sendable {
    let pool: WorkerPool
    let timeout: Duration
    let clock: AnyClock
    let logger: Logger

    public init(pool: WorkerPool, timeout: Duration, clock: AnyClock = .continuous(), logger: Logger) {
        self.pool = pool
        self.timeout = timeout
        self.clock = clock
        self.logger = logger
    }

    /// Executes `job` and returns its result as `Result` (the job request's result type).
    /// Failures throw the contract's ``APIError``: the job's own 4xx for bad input, 503 when no
    /// worker could take it, 422 when it crashed or timed out.
    public func run<Result: Decodable>(sessionId: String, _ job: RunJob, as _: Result.Type) async throws -> Result {
        let end = try await execute(sessionId: sessionId, job)
        guard let result = end.result(as: Result.self) else {
            logger.error("job result did not decode", metadata: ["kind": "\(job.kind.rawValue)"])
            throw APIError(.serviceUnavailable, "processing_failed", "The request could not be processed; try again.", retryAfterSeconds: 1)
        }
        return result
    }

    private func execute(sessionId: String, _ job: RunJob) async throws -> RunEnd {
        let jobId = Identifier.make("job")
        let start = RunStart(runId: jobId, sessionId: sessionId, job: job)
        let pool = self.pool, clock = self.clock, deadline = clock.now.advanced(by: timeout)
        enum Race: Sendable { case ended(RunEnd?), timedOut, refused }
        let outcome = await withTaskGroup(of: Race.self) { group -> Race in
            group.addTask {
                guard let messages = try? await pool.dispatch(start) else { return .refused }
                for await message in messages {
                    if case .end(let end) = message { return .ended(end) }
                }
                return .ended(nil)
            }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            return first
        }
        switch outcome {
        case .refused:
            // Never got a worker (busy, draining): the contract's 503.
            throw APIError.overloaded()
        case .timedOut:
            // No pid to kill means it never left the queue: busy, not broken.
            guard await pool.kill(runId: jobId) != nil else { throw APIError.overloaded() }
            throw crashed(jobId, job)
        case .ended(nil):
            throw crashed(jobId, job)
        case .ended(let end?):
            return try accepted(end)
        }
    }

    private func accepted(_ end: RunEnd) throws -> RunEnd {
        switch end.outcome {
        case .completed:
            return end
        case .failed, .cancelled, .suspended:  // a document job never suspends
            let failure = end.failure ?? RunEnd.Failure(kind: .internal, code: "processing_failed", message: "The request could not be processed.")
            // A worker's own failure is ours, not the input's: say so without a 500.
            guard failure.kind == .invalidInput, let status = failure.status, (400..<500).contains(status) else {
                throw APIError(.serviceUnavailable, failure.code, failure.message, retryAfterSeconds: 1)
            }
            throw APIError(.init(code: status), failure.code, failure.message)
        }
    }

    private func crashed(_ jobId: String, _ job: RunJob) -> APIError {
        logger.warning("job failed or timed out", metadata: ["job.id": "\(jobId)", "kind": "\(job.kind.rawValue)"])
        return APIError(.unprocessableContent, "processing_failed", "The file could not be processed (it took too long or crashed the parser).")
    }
}

import Foundation
import IPC
import Logging
import ServiceSupport
import Store

/// Runs one-off jobs on a worker (import a resume, render, export, fetch a JD): untrusted input
/// is parsed only in a document worker, under its rlimits and sandbox, with a deadline enforced
/// here. The deadline covers waiting for a worker too: a queue held by runs must not make an
/// upload hang. Each job goes to the kind of worker ``RunJob/workerKind`` names.
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
    /// `input` is a file the job reads (a staged upload): the gateway opens it and passes the
    /// open descriptor, so the worker needs no path. Failures throw the contract's
    /// ``APIError``: the job's own 4xx for bad input, 503 when no worker could take it, 422
    /// when it crashed, was killed by its sandbox, or timed out.
    public func run<Result: Decodable>(sessionId: String, _ job: RunJob, input: String? = nil, as _: Result.Type) async throws -> Result {
        var inputs = PassedFiles()
        if let input {
            guard let file = PassedFile.openForReading(input) else {
                logger.error("job input missing", metadata: ["kind": "\(job.kind.rawValue)"])
                throw APIError(.serviceUnavailable, "processing_failed", "The request could not be processed; try again.", retryAfterSeconds: 1)
            }
            inputs = PassedFiles([file])
        }
        let end = try accepted(try await outcome(of: await execute(sessionId: sessionId, job, inputs: inputs), job))
        guard let result = end.result(as: Result.self) else {
            logger.error("job result did not decode", metadata: ["kind": "\(job.kind.rawValue)"])
            throw APIError(.serviceUnavailable, "processing_failed", "The request could not be processed; try again.", retryAfterSeconds: 1)
        }
        return result
    }

    /// A job description from a URL, in two jobs on two kinds of worker: an agent worker (the
    /// kind with network) fetches the page without reading it, a document worker (no network,
    /// no keys) reads it. The page's bytes are never parsed where the network is.
    public func fetchJobDescription(sessionId: String, _ request: FetchJobDescriptionRequest) async throws -> FetchJobDescriptionRequest.Result {
        let page = try await run(sessionId: sessionId, .fetchJobDescription(request), as: FetchJobDescriptionRequest.Page.self)
        return try await run(sessionId: sessionId, .readJobPage(ReadJobPageRequest(page: page)), as: ReadJobPageRequest.Result.self)
    }

    /// How a document job an agent run asked for ended, as the run's worker is told: never
    /// throws, every failure is a failed ``RunEnd`` with a message the model can relay.
    func end(sessionId: String, _ job: RunJob) async -> RunEnd {
        let outcome = await execute(sessionId: sessionId, job, inputs: PassedFiles())
        switch outcome {
        case .ended(let end): return end
        case .refused, .timedOut(queued: true):
            return RunEnd(runId: "", outcome: .failed, failure: .init(kind: .internal, code: "overloaded", message: "No document worker was free; try again."))
        case .timedOut(queued: false):
            return RunEnd(runId: "", outcome: .failed, failure: .init(kind: .internal, code: "processing_failed", message: "The document job took too long."))
        case .lost(let pid):
            let exit = await pool.exit(of: pid, within: Self.exitReportWait)
            return RunEnd(runId: "", outcome: .failed, failure: .init(kind: .internal, code: "processing_failed", message: Self.lostMessage(exit)))
        }
    }

    /// How long a job whose worker vanished waits for the supervisor to say how it ended.
    static let exitReportWait: Duration = .milliseconds(500)

    enum Outcome: Sendable {
        case ended(RunEnd)
        /// Its worker went away before answering.
        case lost(pid: Int32)
        /// The deadline passed: while still queued (busy, not broken) or while running.
        case timedOut(queued: Bool)
        /// Never got a worker (queue full, draining).
        case refused
    }

    private func execute(sessionId: String, _ job: RunJob, inputs: PassedFiles) async -> Outcome {
        let jobId = Identifier.make("job")
        let start = RunStart(runId: jobId, sessionId: sessionId, job: job, inputs: inputs)
        let pool = self.pool, clock = self.clock, deadline = clock.now.advanced(by: timeout)
        enum Race: Sendable { case ended(RunEnd), lost(Int32), timedOut, refused }
        let race = await withTaskGroup(of: Race.self) { group -> Race in
            group.addTask {
                guard let messages = try? await pool.dispatch(start) else { return .refused }
                for await message in messages {
                    switch message {
                    case .end(let end): return .ended(end)
                    case .workerLost(let pid): return .lost(pid)
                    case .event, .request: continue
                    }
                }
                return .lost(0)
            }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            return first
        }
        switch race {
        case .ended(let end): return .ended(end)
        case .lost(let pid): return .lost(pid: pid)
        case .refused: return .refused
        case .timedOut:
            // No pid to kill means it never left the queue: busy, not broken.
            return .timedOut(queued: await pool.kill(runId: jobId) == nil)
        }
    }

    /// The outcome in the contract's terms for an API request.
    private func outcome(of outcome: Outcome, _ job: RunJob) async throws -> RunEnd {
        switch outcome {
        case .ended(let end):
            return end
        case .refused, .timedOut(queued: true):
            throw APIError.overloaded()
        case .timedOut(queued: false):
            throw crashed(job, message: "The file could not be processed (it took too long or crashed the parser).")
        case .lost(let pid):
            let exit = await pool.exit(of: pid, within: Self.exitReportWait)
            throw crashed(job, pid: pid, exit: exit, message: Self.lostMessage(exit))
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

    /// What a person is told when the worker handling their file vanished.
    static func lostMessage(_ exit: WorkerExit?) -> String {
        if exit?.sandboxViolation == true {
            return "The file could not be processed: it made the worker reading it attempt something its sandbox forbids, so the worker was stopped."
        }
        return "The file could not be processed (it took too long or crashed the parser)."
    }

    private func crashed(_ job: RunJob, pid: Int32? = nil, exit: WorkerExit? = nil, message: String) -> APIError {
        var metadata: Logger.Metadata = ["kind": "\(job.kind.rawValue)"]
        if let pid { metadata["worker.pid"] = "\(pid)" }
        if let signal = exit?.signal { metadata["exit.signal"] = "\(signal)" }
        if exit?.sandboxViolation == true { metadata["sandbox"] = "violation" }
        logger.warning("job failed or timed out", metadata: metadata)
        return APIError(.unprocessableContent, "processing_failed", message)
    }
}

import Foundation
import IPC
import Logging
import Store

/// Runs one-off jobs on a worker (import a resume, render, export, fetch a JD): untrusted
/// input is parsed only in a worker, under its rlimits, with a deadline enforced here.
public struct JobRunner: Sendable {
    let pool: WorkerPool
    let timeout: Duration
    let logger: Logger

    public struct Failure: Error, Sendable {
        public let code: String
        public let message: String
        public let status: Int
    }

    private func jobFailed(_ jobId: String, _ input: JSONValue) -> Failure {
        logger.warning("job failed or timed out", metadata: ["job.id": "\(jobId)", "kind": "\(input["kind"]?.stringValue ?? "")"])
        return Failure(code: "processing_failed", message: "The file could not be processed (it took too long or crashed the parser).", status: 422)
    }

    /// Executes `input` (which names its `kind`) and returns the worker's result.
    public func run(sessionId: String, _ input: JSONValue) async throws -> JSONValue {
        let jobId = Identifier.make("job")
        let start = RunStart(runId: jobId, sessionId: sessionId, input: input)
        let pool = self.pool, timeout = self.timeout
        // The deadline covers waiting for a worker too: a queue held by runs that wait for a
        // person must not make an upload hang.
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
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            return first
        }
        let end: RunEnd
        switch outcome {
        case .refused:
            // Never got a worker (busy, draining): the contract's 503.
            throw APIError.overloaded()
        case .timedOut:
            // No pid to kill means it never left the queue: busy, not broken.
            guard await pool.kill(runId: jobId) != nil else { throw APIError.overloaded() }
            throw jobFailed(jobId, input)
        case .ended(nil):
            throw jobFailed(jobId, input)
        case .ended(let result?):
            end = result
        }
        let outcomeEnd = end
        switch outcomeEnd.outcome {
        case .completed:
            return outcomeEnd.result ?? .null
        case .failed, .cancelled:
            let code = outcomeEnd.result?["code"]?.stringValue ?? "processing_failed"
            // A worker's own failure (status ≥ 500) is ours, not the input's: say so without a 500.
            let status = min(Int(outcomeEnd.result?["status"]?.numberValue ?? 422), 503)
            if status >= 500 { throw APIError(.serviceUnavailable, code, outcomeEnd.error ?? "The request could not be processed; try again.", retryAfterSeconds: 1) }
            throw Failure(code: code, message: outcomeEnd.error ?? "The request could not be processed.", status: status)
        }
    }
}

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

    /// Executes `input` (which names its `kind`) and returns the worker's result.
    public func run(sessionId: String, _ input: JSONValue) async throws -> JSONValue {
        let jobId = Identifier.make("job")
        let start = RunStart(runId: jobId, sessionId: sessionId, input: input)
        let messages: AsyncStream<WorkerRunMessage>
        do {
            messages = try await pool.dispatch(start)
        } catch WorkerPoolError.overloaded {
            throw APIError.overloaded()
        }
        let outcome = await withTaskGroup(of: RunEnd?.self) { group -> RunEnd? in
            group.addTask {
                for await message in messages {
                    if case .end(let end) = message { return end }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome else {
            await pool.kill(runId: jobId)
            logger.warning("job failed or timed out", metadata: ["job.id": "\(jobId)", "kind": "\(input["kind"]?.stringValue ?? "")"])
            throw Failure(code: "processing_failed", message: "The file could not be processed (it took too long or crashed the parser).", status: 422)
        }
        switch outcome.outcome {
        case .completed:
            return outcome.result ?? .null
        case .failed, .cancelled:
            let code = outcome.result?["code"]?.stringValue ?? "processing_failed"
            let status = Int(outcome.result?["status"]?.numberValue ?? 422)
            throw Failure(code: code, message: outcome.error ?? "The request could not be processed.", status: status)
        }
    }
}

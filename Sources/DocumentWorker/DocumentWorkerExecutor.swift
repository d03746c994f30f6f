import Foundation
import IPC
import WorkerCore

/// The document worker's ``RunExecutor``: imports, previews, page images, exports, analyses and reading
/// fetched job pages. Jobs answer with their request type's `Result` in ``RunEnd/result``; a
/// job that fails for its input ends `failed` with a ``RunEnd/Failure`` of kind
/// `invalid_input` and its HTTP status. A job meant for the other kind of worker is refused:
/// the gateway never sends one, so receiving it is a bug, reported as one.
public struct DocumentWorkerExecutor: RunExecutor {
    let clock: @Sendable () -> Date

    /// - Parameter clock: "now" for analysis ("Present" in date ranges).
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    public func execute(_ run: RunStart, channel: any RunChannel) async throws -> RunEnd {
        do {
            let end: RunEnd
            switch run.job {
            case .importResume(let request): end = try completed(run, ImportResumeJob.run(request, input: run.inputs[0]))
            case .renderPreview(let request): end = try completed(run, RenderPreviewJob.run(request))
            case .renderPage(let request): end = try completed(run, RenderPageJob.run(request, input: run.inputs[0]))
            case .export(let request): end = try completed(run, ExportJob.run(request))
            case .analyze(let request): end = try completed(run, AnalyzeJob.run(request, now: clock()))
            case .readJobPage(let request): end = try completed(run, ReadJobPageJob.run(request))
            case .agent, .echo, .fetchJobDescription:
                throw JobFailure(
                    code: "wrong_worker", message: "A \(run.job.kind.rawValue) job cannot run on a document worker.", status: 500,
                    reason: .internal)
            }
            return Task.isCancelled ? RunEnd(runId: run.runId, outcome: .cancelled) : end
        } catch let failure as JobFailure {
            return Task.isCancelled ? RunEnd(runId: run.runId, outcome: .cancelled) : failure.runEnd(runId: run.runId)
        }
    }

    private func completed(_ run: RunStart, _ result: some Encodable) throws -> RunEnd {
        do {
            return try RunEnd.completed(runId: run.runId, result: result)
        } catch {
            throw JobFailure(code: "internal", message: "The result could not be encoded.", status: 500, reason: .internal)
        }
    }
}

import Foundation
import IPC

/// The worker's ``RunExecutor``: dispatches a run on its ``RunJob`` to a document job (import,
/// preview, a page image, export, analysis, fetching a JD), to the agent conversation, or to ``EchoAgent``.
///
/// Jobs answer with their request type's `Result` in ``RunEnd/result``; a job that fails for
/// its input ends `failed` with a ``RunEnd/Failure`` of kind `invalid_input` and its HTTP
/// status. A cancelled run ends `cancelled`, promptly.
public struct WorkerRunExecutor: RunExecutor {
    let environment: [String: String]
    let fetcher: any JobPageFetching
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - environment: the worker's environment: the provider policy (`RESUME_AGENT_PROVIDERS`,
    ///     `RESUME_AGENT_PROVIDER_CONFIG`, keys, `RESUME_AGENT_PRICES`) and `RESUME_AGENT_SCRIPT`.
    ///   - fetcher: fetches job pages for `fetch_jd`.
    ///   - clock: "now" for analysis ("Present" in date ranges).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        fetcher: any JobPageFetching = GuardedJobPageFetcher(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.fetcher = fetcher
        self.clock = clock
    }

    public func execute(_ run: RunStart, channel: any RunChannel) async throws -> RunEnd {
        do {
            let end: RunEnd
            switch run.job {
            case .echo(let request): end = try await EchoAgent().execute(run, request: request, channel: channel)
            case .agent(let request):
                end = try await AgentRun(environment: environment, now: clock()).execute(run, request: request, channel: channel)
            case .importResume(let request): end = try completed(run, ImportResumeJob.run(request))
            case .renderPreview(let request): end = try completed(run, RenderPreviewJob.run(request))
            case .renderPage(let request): end = try completed(run, RenderPageJob.run(request))
            case .export(let request): end = try completed(run, ExportJob.run(request))
            case .analyze(let request): end = try completed(run, AnalyzeJob.run(request, now: clock()))
            case .fetchJobDescription(let request): end = try completed(run, try await FetchJobDescriptionJob.run(request, fetcher: fetcher))
            }
            // A run cancelled mid-way may still return normally; cancellation wins.
            return Task.isCancelled ? RunEnd(runId: run.runId, outcome: .cancelled) : end
        } catch let failure as JobFailure {
            return Task.isCancelled ? RunEnd(runId: run.runId, outcome: .cancelled) : failure.runEnd(runId: run.runId)
        } catch {
            // The channel fails every pending call with CancellationError when the run is
            // cancelled or the gateway goes away; any error after a cancel is that cancel.
            if error is CancellationError || Task.isCancelled { return RunEnd(runId: run.runId, outcome: .cancelled) }
            throw error
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

import Foundation
import IPC

/// The worker's ``RunExecutor``: dispatches a run on `input.kind` to a job (`import_resume`,
/// `render_preview`, `export`, `analyze`, `fetch_jd`), to the agent conversation (`agent`), or
/// to ``EchoAgent`` (`echo`, or no kind: the foundation's runs).
///
/// Jobs answer in ``RunEnd/result``; a job that fails for its input ends `failed` with
/// `{"code", "status"}` as result and `reason: "invalid_input"`. A cancelled run ends
/// `cancelled`, promptly.
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
        let input = JobInput(input: run.input)
        do {
            let end: RunEnd
            switch run.input["kind"]?.stringValue {
            case nil, "echo"?: end = try await EchoAgent().execute(run, channel: channel)
            case "agent"?: end = try await AgentRun(environment: environment, now: clock()).execute(run, channel: channel)
            case "import_resume"?: end = completed(run, try ImportResumeJob.run(input))
            case "render_preview"?: end = completed(run, try RenderPreviewJob.run(input))
            case "export"?: end = completed(run, try ExportJob.run(input))
            case "analyze"?: end = completed(run, try AnalyzeJob.run(input, now: clock()))
            case "fetch_jd"?: end = completed(run, try await FetchJobDescriptionJob.run(input, fetcher: fetcher))
            case let kind?: throw JobFailure.invalidRequest("Unknown run kind \"\(kind)\".")
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

    private func completed(_ run: RunStart, _ result: JSONValue) -> RunEnd {
        RunEnd(runId: run.runId, outcome: .completed, result: result)
    }
}

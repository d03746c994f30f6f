import Foundation
import IPC
import WorkerCore

/// The agent worker's ``RunExecutor``: the agent conversation, ``EchoAgent``, and fetching a
/// job page (the network half of `fetch_jd`). Document jobs are refused: this worker does not
/// link the document libraries, and the gateway never sends it one.
///
/// A run's providers and keys come with its `run_start` (``RunStart/providerSetup``); a run
/// started without them (tests, a worker run by hand) uses `environment`.
public struct AgentWorkerExecutor: RunExecutor {
    let environment: [String: String]
    let fetcher: any JobPageFetching
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - environment: provider settings for runs that bring none (`RESUME_AGENT_PROVIDERS`,
    ///     keys, `RESUME_AGENT_SCRIPT`…). A sandboxed worker's own environment holds none of them.
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
                let setup = run.providerSetup ?? ProviderSetup(environment: environment)
                end = try await AgentRun(setup: setup, now: clock()).execute(run, request: request, channel: channel)
            case .fetchJobDescription(let request):
                end = try completed(run, try await FetchJobDescriptionJob.run(request, fetcher: fetcher))
            case .importResume, .renderPreview, .renderPage, .export, .analyze, .readJobPage:
                throw JobFailure(
                    code: "wrong_worker", message: "A \(run.job.kind.rawValue) job cannot run on an agent worker.", status: 500,
                    reason: .internal)
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

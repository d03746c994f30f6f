import DocumentWorker
import Foundation
import IPC
import TestScratch
@testable import RunWorker

/// Helpers to run the executors the way the worker processes do.
enum Runs {
    /// Runs each job on the executor of the kind of worker the gateway would send it to.
    struct Executor: RunExecutor {
        let agent: AgentWorkerExecutor
        let document = DocumentWorkerExecutor(clock: { Fixtures.now })

        func execute(_ run: RunStart, channel: any RunChannel) async throws -> RunEnd {
            switch run.job.workerKind {
            case .agent: try await agent.execute(run, channel: channel)
            case .document: try await document.execute(run, channel: channel)
            }
        }
    }

    static func executor(environment: [String: String] = [:], fetcher: any JobPageFetching = UnavailableJobPageFetcher()) -> Executor {
        Executor(agent: AgentWorkerExecutor(environment: environment, fetcher: fetcher, clock: { Fixtures.now }))
    }

    /// The run-start frame for `input` as the gateway would send it (decoded like the worker
    /// decodes it: a request it cannot decode never reaches the executor).
    static func start(_ input: JSONValue, inputs: PassedFiles = PassedFiles()) throws -> RunStart {
        RunStart(runId: "run_test", sessionId: "sess_test", job: try input.decode(as: RunJob.self), inputs: inputs)
    }

    /// Runs a job (no channel traffic expected) and returns its end. `input` is a file handed
    /// over as an open descriptor, as the gateway passes a staged upload.
    static func job(
        _ input: JSONValue, input file: String? = nil, directory: Bool = false, fetcher: any JobPageFetching = UnavailableJobPageFetcher()
    ) async throws -> RunEnd {
        var inputs = PassedFiles()
        if let file {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
            guard descriptor >= 0 else { throw CocoaError(.fileNoSuchFile) }
            inputs = PassedFiles([PassedFile(owning: descriptor)])
        }
        return try await executor(fetcher: fetcher).execute(try start(input, inputs: inputs), channel: FakeRunChannel())
    }

    /// Writes a model script to a temporary file and returns the environment naming it.
    static func scriptEnvironment(_ turns: JSONValue) throws -> [String: String] {
        let url = URL(fileURLWithPath: Scratch.file("script", named: "script.json"))
        try Data(turns.jsonText.utf8).write(to: url)
        // The worker serves only what the operator's policy lists, as the gateway names it.
        return [ScriptedProvider.environmentKey: url.path, "RESUME_AGENT_PROVIDERS": "scripted"]
    }

    static func agentInput(_ message: String, state: String? = "jd_provided", provider: String = "local") -> JSONValue {
        var input: [String: JSONValue] = [
            "kind": "agent", "message": .string(message), "history": [], "auto_approve": false,
            "max_steps": 24, "remaining_budget_usd": 0.42, "provider": .string(provider),
        ]
        if let state { input["state"] = .string(state) }
        return .object(input)
    }
}

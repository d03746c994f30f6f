import Foundation
import IPC
@testable import RunWorker

/// Helpers to run the executor the way the worker process does.
enum Runs {
    static func executor(environment: [String: String] = [:], fetcher: any JobPageFetching = UnavailableJobPageFetcher()) -> WorkerRunExecutor {
        WorkerRunExecutor(environment: environment, fetcher: fetcher, clock: { Fixtures.now })
    }

    /// The run-start frame for `input` as the gateway would send it (decoded like the worker
    /// decodes it: a request it cannot decode never reaches the executor).
    static func start(_ input: JSONValue) throws -> RunStart {
        RunStart(runId: "run_test", sessionId: "sess_test", job: try input.decode(as: RunJob.self))
    }

    /// Runs a job (no channel traffic expected) and returns its end.
    static func job(_ input: JSONValue, fetcher: any JobPageFetching = UnavailableJobPageFetcher()) async throws -> RunEnd {
        try await executor(fetcher: fetcher).execute(try start(input), channel: FakeRunChannel())
    }

    /// Writes a model script to a temporary file and returns the environment naming it.
    static func scriptEnvironment(_ turns: JSONValue) throws -> [String: String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString).json")
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

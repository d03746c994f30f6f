import Foundation
import IPC
import Providers

/// The `agent` run: take the gateway's typed request, set up the run's provider, run the loop,
/// and say how it ended. The gateway emits `run_started` itself; this never does.
struct AgentRun: Sendable {
    let environment: [String: String]
    let now: Date

    func execute(_ run: RunStart, request: AgentTurnRequest, channel: any RunChannel) async throws -> RunEnd {
        let input = AgentRunInput(request)
        let providers: RunProviders
        do {
            providers = try RunProviders(requested: input.providerName, state: input.state, now: now, environment: environment)
        } catch {
            return Self.providerFailure(run.runId, code: error.code, message: error.message)
        }
        let loop = AgentLoop(
            runId: run.runId, channel: channel, provider: providers.router, tools: .standard, now: now,
            maxTurns: Self.maxTurns(forSteps: input.maxSteps),
            budget: OutputBudget(remainingUSD: input.remainingBudgetUSD, chain: providers.chain))
        let system = SystemPrompt.text(state: input.state)
        do {
            let outcome: AgentLoop.Outcome
            if let resume = request.resume {
                let saved = try AgentProgress(checkpoint: resume.checkpoint)
                outcome = try await loop.resume(saved, decision: resume.decision, system: system)
            } else {
                outcome = try await loop.run(system: system, messages: input.history + [.user(input.message)])
            }
            switch outcome {
            case .finished(let summary):
                return RunEnd(runId: run.runId, outcome: .completed, result: [
                    "turns": .number(Double(summary.turns)), "tool_calls": .number(Double(summary.toolCalls)),
                    "text": .string(summary.finalText),
                ])
            case .suspended(let progress):
                return RunEnd(runId: run.runId, outcome: .suspended, checkpoint: try progress.checkpoint())
            }
        } catch let error as ProviderError {
            return Self.providerFailure(run.runId, code: "provider_error", message: error.description)
        } catch let error as AgentLoopError {
            return RunEnd(runId: run.runId, outcome: .failed, failure: .init(kind: .internal, code: "internal", message: error.description))
        }
    }

    /// Each step is at most one turn; a few more turns let the model answer after its last step.
    static func maxTurns(forSteps steps: Int) -> Int { steps + 8 }

    static func providerFailure(_ runId: String, code: String, message: String) -> RunEnd {
        RunEnd(runId: runId, outcome: .failed, failure: .init(kind: .providerError, code: code, message: message))
    }
}

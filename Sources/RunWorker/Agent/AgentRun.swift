import Foundation
import IPC

/// The `agent` run: parse the input, pick the model, run the loop, and say how it ended.
/// The gateway emits `run_started` itself; this never does.
struct AgentRun: Sendable {
    let models: any AgentModelFactory
    let environment: [String: String]
    let now: Date

    func execute(_ run: RunStart, request: AgentTurnRequest, channel: any RunChannel) async throws -> RunEnd {
        let input = AgentRunInput(request)
        let context = ModelContext(state: input.state, now: now, environment: environment)
        let loop: AgentLoop
        do {
            let model = try ModelSelection.model(requested: input.providerName, factory: models, context: context)
            loop = AgentLoop(
                runId: run.runId, channel: channel, model: model, tools: .standard, now: now,
                maxTurns: Self.maxTurns(forSteps: input.maxSteps))
        } catch let error as AgentModelError {
            return Self.providerFailure(run.runId, error)
        }
        do {
            let summary = try await loop.run(
                system: SystemPrompt.text(state: input.state), messages: input.history + [.user(input.message)],
                remainingBudgetUSD: input.remainingBudgetUSD)
            return RunEnd(runId: run.runId, outcome: .completed, result: [
                "turns": .number(Double(summary.turns)), "tool_calls": .number(Double(summary.toolCalls)),
                "text": .string(summary.finalText),
            ])
        } catch let error as AgentModelError {
            return Self.providerFailure(run.runId, error)
        } catch let error as AgentLoopError {
            return RunEnd(runId: run.runId, outcome: .failed, failure: .init(kind: .internal, code: "internal", message: error.description))
        }
    }

    /// Each step is at most one turn; a few more turns let the model answer after its last step.
    static func maxTurns(forSteps steps: Int) -> Int { steps + 8 }

    static func providerFailure(_ runId: String, _ error: AgentModelError) -> RunEnd {
        RunEnd(runId: runId, outcome: .failed, failure: .init(kind: .providerError, code: error.code, message: error.message))
    }
}

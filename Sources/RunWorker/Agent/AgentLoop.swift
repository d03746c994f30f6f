import Foundation
import IPC

/// The conversation of one `agent` run: ask the model for a turn, stream its text, put each tool
/// call through the gateway (propose → decision → execute → report), feed the outcomes back, and
/// stop when the model answers without calling a tool.
///
/// The gateway owns every limit (steps, repeated calls, time, cost); this loop only has a
/// backstop on turns. Every await is a cancellation point: a cancelled run throws
/// `CancellationError` out of here at the next step.
struct AgentLoop: Sendable {
    let runId: String
    let channel: any RunChannel
    let model: any AgentModel
    let tools: ToolRegistry
    let now: Date
    /// Backstop on model turns; the gateway's step limit normally ends a run long before.
    let maxTurns: Int

    /// What the loop did, for the run's result.
    struct Summary: Sendable, Equatable {
        var turns = 0
        var toolCalls = 0
        var finalText = ""
    }

    func run(system: String, messages: [AgentMessage], remainingBudgetUSD: Double? = nil) async throws -> Summary {
        var conversation = messages
        var summary = Summary()
        for _ in 0..<maxTurns {
            try Task.checkCancellation()
            let request = ModelRequest(system: system, messages: conversation, tools: tools.specs, remainingBudgetUSD: remainingBudgetUSD)
            let turn = try await streamTurn(request)
            summary.turns += 1
            conversation.append(.assistant(text: turn.text, toolCalls: turn.calls))
            guard !turn.calls.isEmpty else {
                summary.finalText = turn.text
                return summary
            }
            for call in turn.calls {
                try Task.checkCancellation()
                conversation.append(.tool(try await perform(call)))
                summary.toolCalls += 1
            }
        }
        throw AgentLoopError.tooManyTurns(maxTurns)
    }

    // MARK: Model turns

    private struct Turn {
        var text = ""
        var calls: [ModelToolCall] = []
    }

    private func streamTurn(_ request: ModelRequest) async throws -> Turn {
        var turn = Turn()
        for try await event in model.stream(request) {
            try Task.checkCancellation()
            switch event {
            case .textDelta(let text):
                guard !text.isEmpty else { continue }
                turn.text += text
                try await channel.emit(.assistantDelta, ["text": .string(text)])
            case .toolCall(let call):
                turn.calls.append(call)
            case .usage(let input, let output, let provider, let model):
                try await channel.usage(provider: provider, model: model, inputTokens: input, outputTokens: output)
            case .finish:
                return turn
            }
        }
        return turn
    }

    // MARK: Tool calls

    /// One call, start to end. Returns what the model reads about it.
    private func perform(_ call: ModelToolCall) async throws -> ToolMessage {
        let id = ToolCallIds.next()
        let parsed = parse(call)
        guard case .success(let (tool, arguments)) = parsed else {
            guard case .failure(let problem) = parsed else { return message(call, .error, "invalid call") }
            return try await refuse(call, id: id, arguments: rawArguments(call), problem: problem.message)
        }
        let planning = ToolContext(channel: channel, toolCallId: id, phase: .planning, now: now)
        let plan: ToolPlan
        do {
            plan = try await tool.plan(arguments, context: planning)
        } catch let error as ToolError {
            return try await refuse(call, id: id, arguments: arguments.json, problem: error.message)
        }
        let decision = try await channel.propose(ToolCall(
            runId: runId, toolCallId: id, tool: call.name, arguments: arguments.json,
            requiresApproval: tool.requiresApproval, diff: plan.diff, truthFlags: TruthCheck.json(plan.truthFlags)))
        guard decision.approved else { return message(call, .rejected, Self.rejection(decision)) }
        let output: ToolOutput
        do {
            output = try await tool.execute(plan, arguments: arguments, context: planning.executing())
        } catch let error as ToolError {
            try await channel.report(ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: false, summary: error.message))
            return message(call, .error, "error: " + error.message)
        }
        try await channel.report(ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: true, summary: output.summary))
        return message(call, .ok, output.content)
    }

    /// The tool and its validated arguments, or what is wrong with the call.
    private func parse(_ call: ModelToolCall) -> Result<(any AgentTool, ToolArguments), ToolError> {
        guard let tool = tools.tool(named: call.name) else {
            let names = tools.specs.map(\.name).joined(separator: ", ")
            return .failure(ToolError("unknown tool \"\(call.name)\"; the tools are: \(names)"))
        }
        let value: JSONValue
        do {
            value = try JSONText.parse(call.arguments)
        } catch {
            return .failure(ToolError("\(error.message); send one JSON object matching the tool's parameters"))
        }
        let problems = SchemaValidator.violations(of: value, against: tool.spec.parameters)
        guard problems.isEmpty, let object = value.asObject else {
            return .failure(ToolError("invalid arguments for \(call.name): " + problems.joined(separator: "; ")))
        }
        return .success((tool, ToolArguments(object)))
    }

    /// A call that cannot run as asked. It is still proposed, so the gateway counts the step and
    /// sees repeated bad calls, then reported as failed; the model reads why.
    private func refuse(_ call: ModelToolCall, id: String, arguments: JSONValue, problem: String) async throws -> ToolMessage {
        let decision = try await channel.propose(ToolCall(
            runId: runId, toolCallId: id, tool: call.name, arguments: arguments, requiresApproval: false))
        guard decision.approved else { return message(call, .rejected, Self.rejection(decision)) }
        try await channel.report(ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: false, summary: problem))
        return message(call, .error, "error: " + problem)
    }

    /// Arguments that are not a JSON object still travel to the gateway, as text, for the record.
    private func rawArguments(_ call: ModelToolCall) -> JSONValue {
        if let value = try? JSONText.parse(call.arguments), value.asObject != nil { return value }
        return ["raw": .string(String(call.arguments.prefix(2_000)))]
    }

    private func message(_ call: ModelToolCall, _ status: ToolMessage.Status, _ content: String) -> ToolMessage {
        ToolMessage(callId: call.id, name: call.name, status: status, content: content)
    }

    static func rejection(_ decision: ToolDecision) -> String {
        let who = decision.by == .policy ? "refused by the gateway" : "rejected by the user"
        guard let reason = decision.reason, !reason.isEmpty else { return who }
        return "\(who): \(reason)"
    }
}

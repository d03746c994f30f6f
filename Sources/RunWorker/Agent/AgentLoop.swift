import Foundation
import IPC
import Providers

/// The conversation of one `agent` run: ask the provider for a turn, stream its text, put each
/// tool call through the gateway (propose → decision → execute → report), feed the outcomes
/// back, and stop when the model answers without calling a tool.
///
/// The provider is any ``LLMProvider``: in a worker always a ``ProviderRouter`` (network
/// providers, the built-in `local` engine, the `scripted` test tooling), so retries and fallback
/// apply to all alike. Usage is reported in the name of the provider that answered.
///
/// The gateway owns every limit (steps, repeated calls, time, cost); this loop only has a
/// backstop on turns. Every await is a cancellation point: a cancelled run throws
/// `CancellationError` out of here at the next step.
struct AgentLoop: Sendable {
    let runId: String
    let channel: any RunChannel
    let provider: any LLMProvider
    let tools: ToolRegistry
    let now: Date
    /// Backstop on model turns; the gateway's step limit normally ends a run long before.
    let maxTurns: Int
    /// What the session may still spend; lowers each turn's `max_tokens`. `nil`: no budget sent.
    var budget: OutputBudget? = nil
    /// Sampling temperature of every turn (`nil`: the provider's default).
    var temperature: Double? = AgentLoop.defaultTemperature

    /// Low, because a résumé rewrite should stay close to what the resume says. A model that
    /// accepts only its default rejects it once; the router then retries without it and the
    /// provider remembers (the `temperatureUnsupported` quirk).
    static let defaultTemperature = 0.2

    /// What the loop did, for the run's result.
    struct Summary: Sendable, Equatable, Codable {
        var turns = 0
        var toolCalls = 0
        var finalText = ""
    }

    /// How a stretch of the loop ended: the model answered, or a call waits for a person and the
    /// run is saved (``AgentProgress``) to continue in another process.
    enum Outcome: Sendable {
        case finished(Summary)
        case suspended(AgentProgress)
    }

    func run(system: String, messages: [ChatMessage]) async throws -> Outcome {
        var progress = AgentProgress(conversation: messages, provider: provider.name, model: provider.model, remainingBudgetUSD: budget?.remainingUSD)
        return try await drive(&progress, system: system)
    }

    /// Continues a suspended run with the person's decision on the call it waited for.
    func resume(_ saved: AgentProgress, decision: ToolDecision, system: String) async throws -> Outcome {
        var progress = saved
        guard let awaiting = progress.awaiting, awaiting.toolCallId == decision.toolCallId else {
            throw AgentLoopError.resumeMismatch
        }
        progress.awaiting = nil
        progress.conversation.append(.toolResult(try await conclude(awaiting, decision: decision)))
        progress.summary.toolCalls += 1
        return try await drive(&progress, system: system)
    }

    /// Runs calls still queued from the model's last turn, then turns, until the model answers
    /// without calling a tool or a call waits for a person.
    private func drive(_ progress: inout AgentProgress, system: String) async throws -> Outcome {
        var state = TurnState(provider: progress.provider, model: progress.model, budget: budget.map {
            var budget = $0
            budget.remainingUSD = progress.remainingBudgetUSD ?? $0.remainingUSD
            return budget
        })
        while true {
            while !progress.queued.isEmpty {
                try Task.checkCancellation()
                let call = progress.queued.removeFirst()
                switch try await perform(call) {
                case .done(let result):
                    progress.conversation.append(.toolResult(result))
                    progress.summary.toolCalls += 1
                case .waiting(let awaiting):
                    progress.awaiting = awaiting
                    progress.provider = state.provider
                    progress.model = state.model
                    progress.remainingBudgetUSD = state.budget?.remainingUSD
                    return .suspended(progress)
                }
            }
            guard progress.summary.turns < maxTurns else { throw AgentLoopError.tooManyTurns(maxTurns) }
            try Task.checkCancellation()
            let request = ChatRequest(
                system: system, messages: progress.conversation, tools: tools.specs, temperature: temperature,
                maxTokens: state.budget?.maxTokens())
            let turn = try await streamTurn(request, state: &state)
            progress.summary.turns += 1
            progress.conversation.append(.assistant(text: turn.text.isEmpty ? nil : turn.text, toolCalls: turn.calls))
            guard !turn.calls.isEmpty else {
                progress.summary.finalText = turn.text
                return .finished(progress.summary)
            }
            progress.queued = turn.calls
        }
    }

    // MARK: Model turns

    /// What carries over from turn to turn: who is answering (the router announces each
    /// provider it switches to) and what is left of the budget.
    private struct TurnState {
        var provider: String
        var model: String
        var budget: OutputBudget?
    }

    /// One turn's text and its tool calls, assembled from streamed fragments.
    private struct Turn {
        var text = ""
        var calls: [Providers.ToolCall] = []
        var open: [Int: Providers.ToolCall] = [:]

        /// The calls in the order they ended; any the stream left open come last, by index.
        mutating func closed() -> Turn {
            calls += open.keys.sorted().compactMap { open[$0] }
            open = [:]
            return self
        }
    }

    private func streamTurn(_ request: ChatRequest, state: inout TurnState) async throws -> Turn {
        var turn = Turn()
        for try await event in provider.stream(request) {
            try Task.checkCancellation()
            switch event {
            case .providerSelected(let name, let model):
                state.provider = name
                state.model = model
            case .textDelta(let text):
                guard !text.isEmpty else { continue }
                turn.text += text
                try await channel.emit(.assistantDelta, ["text": .string(text)])
            case .toolCallStart(let index, let id, let name):
                turn.open[index] = Providers.ToolCall(id: id, name: name, arguments: "")
            case .toolCallArgumentsDelta(let index, let fragment):
                turn.open[index]?.arguments += fragment
            case .toolCallEnd(let index):
                if let call = turn.open.removeValue(forKey: index) { turn.calls.append(call) }
            case .usage(let input, let output):
                state.budget?.spend(input: input, output: output)
                try await channel.usage(provider: state.provider, model: state.model, inputTokens: input, outputTokens: output)
            case .finish:
                return turn.closed()
            }
        }
        return turn.closed()
    }

    // MARK: Tool calls

    /// What became of one call: its result for the model, or a wait for a person's decision.
    private enum CallOutcome {
        case done(Providers.ToolResult)
        case waiting(AgentProgress.Awaiting)
    }

    /// One call, start to end (or until a person must decide).
    private func perform(_ call: Providers.ToolCall) async throws -> CallOutcome {
        let id = ToolCallIds.next()
        let parsed = parse(call)
        guard case .success(let (tool, arguments)) = parsed else {
            guard case .failure(let problem) = parsed else { return .done(message(call, .error, "invalid call")) }
            return .done(try await refuse(call, id: id, arguments: rawArguments(call), problem: problem.message))
        }
        let planning = ToolContext(channel: channel, toolCallId: id, phase: .planning, now: now)
        let plan: ToolPlan
        do {
            plan = try await tool.plan(arguments, context: planning)
        } catch let error as ToolError {
            return .done(try await refuse(call, id: id, arguments: arguments.json, problem: error.message))
        }
        let decision = try await channel.propose(IPC.ToolCall(
            runId: runId, toolCallId: id, tool: call.name, arguments: arguments.json,
            requiresApproval: tool.requiresApproval, diff: plan.diff, truthFlags: TruthCheck.json(plan.truthFlags),
            writes: plan.plannedWrites))
        if decision.deferred { return .waiting(AgentProgress.Awaiting(call: call, toolCallId: id, plan: plan)) }
        return .done(try await execute(call, id: id, tool: tool, arguments: arguments, plan: plan, decision: decision))
    }

    /// The decided call of a resumed run: runs it if approved (with the plan the person saw).
    private func conclude(_ awaiting: AgentProgress.Awaiting, decision: ToolDecision) async throws -> Providers.ToolResult {
        guard case .success(let (tool, arguments)) = parse(awaiting.call) else {
            return message(awaiting.call, .error, "invalid call")
        }
        return try await execute(awaiting.call, id: awaiting.toolCallId, tool: tool, arguments: arguments, plan: awaiting.plan, decision: decision)
    }

    private func execute(
        _ call: Providers.ToolCall, id: String, tool: any AgentTool, arguments: ToolArguments, plan: ToolPlan, decision: ToolDecision
    ) async throws -> Providers.ToolResult {
        guard decision.approved else { return message(call, .rejected, Self.rejection(decision)) }
        let context = ToolContext(channel: channel, toolCallId: id, phase: .executing, now: now)
        let output: ToolOutput
        do {
            output = try await tool.execute(plan, arguments: arguments, context: context)
        } catch let error as ToolError {
            try await channel.report(IPC.ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: false, summary: error.message))
            return message(call, .error, "error: " + error.message)
        }
        try await channel.report(IPC.ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: true, summary: output.summary))
        return message(call, .ok, output.content)
    }

    /// The tool and its validated arguments, or what is wrong with the call.
    private func parse(_ call: Providers.ToolCall) -> Result<(any AgentTool, ToolArguments), ToolError> {
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
        guard problems.isEmpty, let object = value.objectValue else {
            return .failure(ToolError("invalid arguments for \(call.name): " + problems.joined(separator: "; ")))
        }
        return .success((tool, ToolArguments(object)))
    }

    /// A call that cannot run as asked. It is still proposed, so the gateway counts the step and
    /// sees repeated bad calls, then reported as failed; the model reads why.
    private func refuse(_ call: Providers.ToolCall, id: String, arguments: JSONValue, problem: String) async throws -> Providers.ToolResult {
        let decision = try await channel.propose(IPC.ToolCall(
            runId: runId, toolCallId: id, tool: call.name, arguments: arguments, requiresApproval: false))
        guard decision.approved else { return message(call, .rejected, Self.rejection(decision)) }
        try await channel.report(IPC.ToolResult(runId: runId, toolCallId: id, tool: call.name, ok: false, summary: problem))
        return message(call, .error, "error: " + problem)
    }

    /// Arguments that are not a JSON object still travel to the gateway, as text, for the record.
    private func rawArguments(_ call: Providers.ToolCall) -> JSONValue {
        if let value = try? JSONText.parse(call.arguments), value.objectValue != nil { return value }
        return ["raw": .string(String(call.arguments.prefix(2_000)))]
    }

    private func message(_ call: Providers.ToolCall, _ status: Providers.ToolResult.Status, _ content: String) -> Providers.ToolResult {
        Providers.ToolResult(callID: call.id, name: call.name, content: content, status: status)
    }

    static func rejection(_ decision: ToolDecision) -> String {
        let who = decision.by == .policy ? "refused by the gateway" : "rejected by the user"
        guard let reason = decision.reason, !reason.isEmpty else { return who }
        return "\(who): \(reason)"
    }
}

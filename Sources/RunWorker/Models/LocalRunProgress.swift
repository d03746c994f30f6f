import Providers

/// What the current run has done so far, read back from the conversation: the tool calls made
/// since the person's last message and what became of each. The local engine is stateless, like
/// an LLM: everything it knows is in the messages it is given.
struct LocalRunProgress: Sendable {
    struct Step: Sendable {
        var call: ToolCall
        var result: ToolResult?
    }

    /// The person's last message ("" if none).
    let message: String
    /// Tool calls since that message, in order.
    let steps: [Step]
    /// Model turns since that message.
    let turns: Int

    init(_ messages: [ChatMessage]) {
        let lastUser = messages.lastIndex { if case .user = $0 { true } else { false } }
        let current = lastUser.map { messages[messages.index(after: $0)...] } ?? messages[...]
        if let lastUser, case .user(let text) = messages[lastUser] { message = text } else { message = "" }
        var steps: [Step] = []
        var turns = 0
        for item in current {
            switch item {
            case .assistant(_, let calls):
                turns += 1
                steps += calls.map { Step(call: $0, result: nil) }
            case .toolResult(let result):
                if let index = steps.lastIndex(where: { $0.call.id == result.callID }) { steps[index].result = result }
            case .user:
                break
            }
        }
        self.steps = steps
        self.turns = turns
    }

    /// The last call of `tool`, if any was made in this run.
    func last(_ tool: String) -> Step? {
        steps.last { $0.call.name == tool }
    }

    /// Calls of `tool`, in order.
    func calls(_ tool: String) -> [Step] {
        steps.filter { $0.call.name == tool }
    }
}

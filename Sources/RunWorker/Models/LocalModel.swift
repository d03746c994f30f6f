import Foundation
import IPC
import ResumeMatch

/// The built-in offline model: deterministic, free, no network. It drives the same tools an LLM
/// would (read the resume and the job, analyse, propose edits) and streams its text in small
/// pieces. Everything it decides comes from the conversation it is given, as for any model.
public struct LocalModel: AgentModel {
    public let provider = "local"
    public let model = "local-deterministic"
    /// The session's workflow state: tailoring skips a new analysis when one exists.
    let state: String?
    /// "Present" in the resume's date ranges; the same the tools use.
    let now: Date

    public init(state: String? = nil, now: Date = Date()) {
        self.state = state
        self.now = now
    }

    public func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, any Error> {
        // Computed up front: the whole turn is ready, so it is buffered and streamed as is.
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        for event in events(for: request) { continuation.yield(event) }
        continuation.finish()
        return stream
    }

    /// The whole turn for `request`: text in small pieces, tool calls, usage, finish.
    func events(for request: ModelRequest) -> [ModelEvent] {
        let turn = LocalPlanner(state: state, now: now).turn(LocalRunProgress(request.messages))
        var events = TextChunks.split(turn.text).map(ModelEvent.textDelta)
        events += turn.calls.map(ModelEvent.toolCall)
        events.append(.usage(
            inputTokens: Self.estimateTokens(request), outputTokens: Self.estimateTokens(turn),
            provider: provider, model: model))
        events.append(.finish)
        return events
    }

    /// Roughly four characters a token, as tokenizers average on English text; local is free,
    /// the figures only make the run's usage visible.
    static func estimateTokens(_ request: ModelRequest) -> Int {
        var characters = request.system.count
        for message in request.messages {
            switch message {
            case .user(let text): characters += text.count
            case .assistant(let text, let calls): characters += text.count + calls.reduce(0) { $0 + $1.name.count + $1.arguments.count }
            case .tool(let result): characters += result.content.count
            }
        }
        return max(1, characters / 4)
    }

    static func estimateTokens(_ turn: LocalTurn) -> Int {
        max(1, (turn.text.count + turn.calls.reduce(0) { $0 + $1.name.count + $1.arguments.count }) / 4)
    }
}

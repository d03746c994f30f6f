import Contract
import Foundation
import JSONCore
import Providers
import ResumeMatch

/// The built-in offline engine, behind the same ``LLMProvider`` interface as the network
/// providers: deterministic, free, no key, no network. It drives the same tools an LLM would
/// (read the resume and the job, analyse, propose edits) and streams its text in small pieces,
/// like a model. Everything it decides comes from the conversation it is given.
public struct LocalProvider: LLMProvider {
    public let name: String
    public let model: String
    /// The session's workflow state: tailoring skips a new analysis when one exists.
    let state: SessionState?
    /// "Present" in the resume's date ranges; the same the tools use.
    let now: Date

    public init(name: String = "local", model: String = "local-deterministic", state: SessionState? = nil, now: Date = Date()) {
        self.name = name
        self.model = model
        self.state = state
        self.now = now
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        // Computed up front: the whole turn is ready, so it is buffered and streamed as is.
        let (stream, continuation) = AsyncThrowingStream<ProviderEvent, any Error>.makeStream()
        for event in events(for: request) { continuation.yield(event) }
        continuation.finish()
        return stream
    }

    /// The whole turn for `request`: text in small pieces, tool calls, usage, finish.
    func events(for request: ChatRequest) -> [ProviderEvent] {
        let turn = LocalPlanner(state: state, now: now).turn(LocalRunProgress(request.messages))
        var events = TextChunks.split(turn.text).map(ProviderEvent.textDelta)
        for (index, call) in turn.calls.enumerated() {
            events += [
                .toolCallStart(index: index, id: call.id, name: call.name),
                .toolCallArgumentsDelta(index: index, fragment: call.arguments),
                .toolCallEnd(index: index),
            ]
        }
        events.append(.usage(input: Self.estimateTokens(request), output: Self.estimateTokens(turn)))
        events.append(.finish(turn.calls.isEmpty ? .stop : .toolCalls))
        return events
    }

    /// Roughly four characters a token, as tokenizers average on English text; local is free,
    /// the figures only make the run's usage visible.
    static func estimateTokens(_ request: ChatRequest) -> Int {
        var characters = request.system?.count ?? 0
        for message in request.messages {
            switch message {
            case .user(let text): characters += text.count
            case .assistant(let text, let calls): characters += (text?.count ?? 0) + calls.reduce(0) { $0 + $1.name.count + $1.arguments.count }
            case .toolResult(let result): characters += result.content.count
            }
        }
        return max(1, characters / 4)
    }

    static func estimateTokens(_ turn: LocalTurn) -> Int {
        max(1, (turn.text.count + turn.calls.reduce(0) { $0 + $1.name.count + $1.arguments.count }) / 4)
    }
}

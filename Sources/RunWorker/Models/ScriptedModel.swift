#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Synchronization

/// Test tooling: a model that plays a JSON script of turns, in order, one per request. It makes
/// the worker's behaviour under a real provider's shapes (text, tool calls, usage, slowness, a
/// hang, a stuck or crashing process) reproducible without a network.
///
/// Within a turn: wait `delay_ms`, stream `text` in small pieces, then `crash` (abort), `hang`
/// (wait until cancelled) or `ignore_cancel` (never return, whatever happens), then the tool
/// calls, the usage, and finish. Past the last turn the model finishes with nothing to say.
public struct ScriptedModel: AgentModel {
    public let provider = "scripted"
    public let model: String
    let turns: [ScriptTurn]
    private let cursor = Cursor()

    /// Names the file a worker reads its script from.
    public static let environmentKey = "RESUME_AGENT_SCRIPT"

    /// A script: a JSON array of turns, or `{"model": "...", "turns": [...]}`.
    public init(json: Data) throws(AgentModelError) {
        guard let value = JSONText.parse(json) else {
            throw AgentModelError(code: "script_invalid", message: "The model script is not valid JSON.")
        }
        let list = value.asArray ?? value["turns"]?.asArray
        guard let list else {
            throw AgentModelError(code: "script_invalid", message: "The model script must be an array of turns or {\"turns\": [...]}.")
        }
        model = value["model"]?.stringValue ?? "scripted"
        turns = try list.enumerated().map { (index, turn) throws(AgentModelError) in try ScriptTurn(turn, index: index) }
    }

    /// Reads the script from `path`.
    public init(path: String) throws(AgentModelError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentModelError(code: "script_unreadable", message: "The model script \(path) could not be read.")
        }
        try self.init(json: data)
    }

    public func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, any Error> {
        let steps = cursor.next(of: turns.count).map { self.steps(for: turns[$0]) } ?? [.event(.finish)]
        let feed = Feed(steps)
        return AsyncThrowingStream(unfolding: { try await feed.next() })
    }

    private enum Step: Sendable {
        case sleep(milliseconds: Int)
        case event(ModelEvent)
        case hang, ignoreCancel, crash
    }

    private func steps(for turn: ScriptTurn) -> [Step] {
        var steps: [Step] = turn.delayMilliseconds > 0 ? [.sleep(milliseconds: turn.delayMilliseconds)] : []
        steps += TextChunks.split(turn.text).map { .event(.textDelta($0)) }
        if turn.crash { steps.append(.crash) }
        if turn.hang { steps.append(.hang) }
        if turn.ignoreCancel { steps.append(.ignoreCancel) }
        steps += turn.toolCalls.map { .event(.toolCall($0)) }
        if let usage = turn.usage {
            steps.append(.event(.usage(inputTokens: usage.input, outputTokens: usage.output, provider: provider, model: model)))
        }
        steps.append(.event(.finish))
        return steps
    }

    /// Which turn comes next; shared by the copies of one model.
    private final class Cursor: Sendable {
        private let position = Mutex(0)

        func next(of count: Int) -> Int? {
            position.withLock { position in
                guard position < count else { return nil }
                defer { position += 1 }
                return position
            }
        }
    }

    /// Plays one turn's steps; runs in the consuming task, so sleeps are cancelled with it.
    private final class Feed: Sendable {
        private let steps: [Step]
        private let index = Mutex(0)

        init(_ steps: [Step]) {
            self.steps = steps
        }

        func next() async throws -> ModelEvent? {
            while let step = take() {
                switch step {
                case .event(let event): return event
                case .sleep(let milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
                case .hang: try await Task.sleep(for: .seconds(86_400 * 365))
                case .ignoreCancel: await Self.never()
                case .crash: abort()
                }
            }
            return nil
        }

        private func take() -> Step? {
            index.withLock { index in
                guard index < steps.count else { return nil }
                defer { index += 1 }
                return steps[index]
            }
        }

        /// Never resumes and ignores cancellation: a stuck provider call, which only SIGKILL ends.
        private static func never() async {
            await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
        }
    }
}

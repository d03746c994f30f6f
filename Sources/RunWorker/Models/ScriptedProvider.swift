#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JSONCore
import ProviderCatalog
import Providers
import Synchronization

/// Test tooling: a provider that plays a JSON script of turns, in order, one per request. It
/// makes the worker's behaviour under a real provider's shapes (text, tool calls, usage,
/// slowness, a hang, a stuck or crashing process) reproducible without a network.
///
/// Within a turn: wait `delay_ms`, stream `text` in small pieces, then `crash` (abort), `hang`
/// (wait until cancelled) or `ignore_cancel` (never return, whatever happens), then the tool
/// calls, the usage, and finish. Past the last turn it finishes with nothing to say.
public struct ScriptedProvider: LLMProvider {
    public let name: String
    public let model: String
    let turns: [ScriptTurn]
    private let cursor = Cursor()

    /// Names the file a worker reads its script from.
    public static let environmentKey = "RESUME_AGENT_SCRIPT"

    /// A script: a JSON array of turns, or `{"model": "...", "turns": [...]}`.
    public init(json: some Collection<UInt8>, name: String = "scripted") throws(ProviderConfigError) {
        guard let value = try? JSONValue.parse(bytes: json) else {
            throw .unusable(provider: name, reason: "the model script is not valid JSON")
        }
        guard let list = value.arrayValue ?? value["turns"]?.arrayValue else {
            throw .unusable(provider: name, reason: "the model script must be an array of turns or {\"turns\": [...]}")
        }
        self.name = name
        model = value["model"]?.stringValue ?? ProviderDescriptor.scripted.defaultModel
        turns = try list.enumerated().map { (index, turn) throws(ProviderConfigError) in try ScriptTurn(turn, index: index) }
    }

    /// Reads the script named by ``environmentKey`` in `environment`.
    public init(environment: [String: String], name: String = "scripted") throws(ProviderConfigError) {
        guard let path = environment[Self.environmentKey], !path.isEmpty else {
            throw .unusable(provider: name, reason: "the scripted provider needs \(Self.environmentKey) to name a script file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unusable(provider: name, reason: "the model script \(path) could not be read")
        }
        try self.init(json: data, name: name)
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        // A run resumed in a new process continues the script after the turns it already had.
        let played = LocalRunProgress(request.messages).turns
        let steps = cursor.next(of: turns.count, atLeast: played).map { Self.steps(for: turns[$0]) } ?? [.event(.finish(.stop))]
        let feed = Feed(steps)
        return AsyncThrowingStream(unfolding: { try await feed.next() })
    }

    private enum Step: Sendable {
        case sleep(milliseconds: Int)
        case event(ProviderEvent)
        case hang, ignoreCancel, crash
    }

    private static func steps(for turn: ScriptTurn) -> [Step] {
        var steps: [Step] = turn.delayMilliseconds > 0 ? [.sleep(milliseconds: turn.delayMilliseconds)] : []
        steps += TextChunks.split(turn.text).map { .event(.textDelta($0)) }
        if turn.crash { steps.append(.crash) }
        if turn.hang { steps.append(.hang) }
        if turn.ignoreCancel { steps.append(.ignoreCancel) }
        for (index, call) in turn.toolCalls.enumerated() {
            steps += [
                .event(.toolCallStart(index: index, id: call.id, name: call.name)),
                .event(.toolCallArgumentsDelta(index: index, fragment: call.arguments)),
                .event(.toolCallEnd(index: index)),
            ]
        }
        if let usage = turn.usage { steps.append(.event(.usage(input: usage.input, output: usage.output))) }
        steps.append(.event(.finish(turn.toolCalls.isEmpty ? .stop : .toolCalls)))
        return steps
    }

    /// Which turn comes next; shared by the copies of one provider.
    private final class Cursor: Sendable {
        private let position = Mutex(0)

        /// The next turn, never one before `atLeast` (the turns the conversation already holds).
        func next(of count: Int, atLeast played: Int) -> Int? {
            position.withLock { position in
                position = max(position, played)
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

        func next() async throws -> ProviderEvent? {
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

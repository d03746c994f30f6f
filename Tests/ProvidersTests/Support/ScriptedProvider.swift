import Synchronization
@testable import Providers

/// A provider that plays one scripted attempt per call: some events, then maybe an error.
final class ScriptedProvider: LLMProvider {
    struct Attempt: Sendable {
        var events: [ProviderEvent]
        var error: ProviderError?
    }

    let name: String
    let model: String
    private let script: Mutex<[Attempt]>
    private let calls = Mutex(0)

    init(name: String, model: String = "m", _ attempts: [Attempt]) {
        self.name = name
        self.model = model
        self.script = Mutex(attempts)
    }

    var callCount: Int { calls.withLock { $0 } }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        calls.withLock { $0 += 1 }
        let attempt = script.withLock { $0.isEmpty ? Attempt(events: [], error: nil) : $0.removeFirst() }
        return AsyncThrowingStream { continuation in
            for event in attempt.events { continuation.yield(event) }
            continuation.finish(throwing: attempt.error)
        }
    }
}

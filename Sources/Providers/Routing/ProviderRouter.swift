import Foundation
import Logging
import ProviderCatalog

/// Tries the policy's providers in order, retrying transient failures with backoff and falling
/// back to the next provider, and applies known quirks. Looks like one ``LLMProvider`` to the
/// agent loop, plus a ``ProviderEvent/providerSelected(name:model:)`` before each provider's
/// first attempt (the caller names it in `run_started`).
///
/// Fallback happens only before an attempt emitted anything: once text reached the user,
/// switching would duplicate it, so the error is the caller's.
public struct ProviderRouter: LLMProvider {
    /// One provider in the chain.
    public struct Entry: Sendable {
        public var provider: any LLMProvider
        public var maxAttempts: Int

        public init(provider: any LLMProvider, maxAttempts: Int) {
            self.provider = provider
            self.maxAttempts = max(1, maxAttempts)
        }
    }

    public let name = "router"
    public var model: String { entries.first?.provider.model ?? "" }
    public let entries: [Entry]
    let retry: RetryPolicy
    let sleeper: any BackoffSleeper
    let jitter: @Sendable () -> Double
    let now: @Sendable () -> Date
    let logger: Logger

    /// A router over ready-made providers.
    /// - Parameters:
    ///   - sleeper: waits between attempts (tests record instead of sleeping).
    ///   - jitter: uniform in `0..<1`.
    ///   - now: the wall clock, for `Retry-After` dates.
    public init(
        entries: [Entry],
        retry: RetryPolicy = RetryPolicy(),
        sleeper: any BackoffSleeper = ClockSleeper(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "resume-agent.providers", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.entries = entries
        self.retry = retry
        self.sleeper = sleeper
        self.jitter = jitter
        self.now = now
        self.logger = logger
    }

    /// A router for `policy`, building each provider with the factory for its kind.
    public init(
        policy: ProviderPolicy,
        factories: [ProviderKind: ProviderFactory],
        sleeper: any BackoffSleeper = ClockSleeper(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "resume-agent.providers", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(ProviderConfigError) {
        var entries: [Entry] = []
        for config in policy.providers {
            guard let factory = factories[config.kind] else { throw .noFactory(config.kind) }
            let provider: any LLMProvider
            do {
                provider = try factory(config)
            } catch let error as ProviderConfigError {
                throw error
            } catch {
                throw .unusable(provider: config.name, reason: "\(error)")
            }
            entries.append(Entry(provider: provider, maxAttempts: config.maxAttempts ?? policy.retry.maxAttemptsPerProvider))
        }
        self.init(entries: entries, retry: policy.retry, sleeper: sleeper, jitter: jitter, now: now, logger: logger)
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        let session = RouterSession(router: self, request: request)
        return AsyncThrowingStream(unfolding: { try await session.next() })
    }
}

/// How hard the router tries before moving on: attempts per provider and jittered exponential
/// backoff between them, honouring the server's `Retry-After` within a bound.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts on one provider (the first included) for transient failures.
    public var maxAttemptsPerProvider: Int
    /// The first backoff; doubles with each further attempt.
    public var baseDelay: Duration
    /// Backoff ceiling.
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is not waited for: the router falls back instead.
    public var maxRetryAfter: Duration

    public init(
        maxAttemptsPerProvider: Int = 2,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttemptsPerProvider = max(1, maxAttemptsPerProvider)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before attempt `attempt + 1` after `attempt` failed (1-based), or `nil` when the
    /// server asked for a longer pause than ``maxRetryAfter``. `jitter` is uniform in `0..<1`:
    /// the backoff is spread over its upper half so synchronized workers drift apart.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, jitter: Double) -> Duration? {
        if let retryAfter {
            return retryAfter <= maxRetryAfter ? retryAfter : nil
        }
        var backoff = baseDelay
        for _ in 1..<max(1, attempt) where backoff < maxDelay { backoff *= 2 }
        backoff = min(backoff, maxDelay)
        return backoff * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }
}

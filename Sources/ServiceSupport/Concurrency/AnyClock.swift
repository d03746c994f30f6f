/// A `Clock` whose instants are durations since an arbitrary origin, so code that waits on
/// time takes the clock it is given: the continuous clock in production, a manual one in
/// tests (which then advance time instead of sleeping).
public struct AnyClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable {
        /// Time since the clock's origin.
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let read: @Sendable () -> Duration
    private let wait: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - now: the current offset from the origin.
    ///   - sleepUntil: returns once the offset is reached; throws `CancellationError` if the
    ///     task is cancelled first.
    public init(now: @escaping @Sendable () -> Duration, sleepUntil: @escaping @Sendable (Duration) async throws -> Void) {
        read = now
        wait = sleepUntil
    }

    public var now: Instant { Instant(offset: read()) }
    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await wait(deadline.offset)
    }

    /// The system's monotonic clock (`ContinuousClock`), with its origin at creation.
    public static func continuous() -> AnyClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return AnyClock(
            now: { origin.duration(to: clock.now) },
            sleepUntil: { offset in try await clock.sleep(until: origin.advanced(by: offset)) }
        )
    }
}

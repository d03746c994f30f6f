/// Waits between attempts. A seam so tests record the requested delays instead of sleeping.
public protocol BackoffSleeper: Sendable {
    func sleep(for duration: Duration) async throws
}

/// Really sleeps, on the continuous clock; cancellation ends the wait.
public struct ClockSleeper: BackoffSleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration, clock: .continuous)
    }
}

import Synchronization
@testable import Providers

/// Records the waits the router asks for and returns at once: time is the only thing we fake.
final class RecordingSleeper: BackoffSleeper {
    private let delays = Mutex<[Duration]>([])

    var recorded: [Duration] { delays.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        delays.withLock { $0.append(duration) }
        try Task.checkCancellation()
    }
}

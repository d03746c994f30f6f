#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The one thread every child process is spawned from, alive as long as the supervisor.
///
/// The gateway and the workers ask the kernel for SIGKILL when their parent dies
/// (`PR_SET_PDEATHSIG`, see `ParentWatch`), and Linux sends it when the *thread* that spawned
/// them exits, not the process. The Swift runtime's pool threads come and go with load: a
/// gateway spawned from one was SIGKILLed half a minute later, mid-flood, when that thread was
/// retired (seen under CPU contention). Spawning from this thread keeps the signal for what it
/// is meant for — the supervisor's death.
final class SpawningThread: @unchecked Sendable {
    static let shared = SpawningThread()

    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private(set) var thread = pthread_t()

    private init() {
        let started = DispatchSemaphore(value: 0)
        let worker = Thread { [self] in
            self.thread = pthread_self()
            started.signal()
            serve()
        }
        worker.name = "spawner"
        worker.start()
        started.wait()
    }

    /// Runs `body` on the spawning thread and returns its result (a spawn takes about a
    /// millisecond; the caller waits for it, as it did when it spawned itself).
    func run<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) -> Result<Value, Failure> {
        let box = ResultBox<Value, Failure>()
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        queue.append {
            box.result = Result { () throws(Failure) -> Value in try body() }
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        return box.result!
    }

    private func serve() -> Never {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let next = queue.removeFirst()
            condition.unlock()
            next()
        }
    }
}

/// Carries a result from the spawning thread to the caller (written before `done` is signalled).
private final class ResultBox<Value, Failure: Error>: @unchecked Sendable {
    var result: Result<Value, Failure>?
}

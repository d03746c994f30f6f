import Synchronization

/// A value set once and awaited by any number of tasks, each for at most a while (a run must
/// not wait forever for provider keys a broken supervisor never sends).
final class ValueLatch<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [UInt64: CheckedContinuation<Value?, Never>] = [:]
        var expired: Set<UInt64> = []
        var next: UInt64 = 0
    }

    private let state = Mutex(State())

    init(_ value: Value? = nil) {
        state.withLock { $0.value = value }
    }

    var current: Value? { state.withLock { $0.value } }

    func set(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>] in
            state.value = value
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: value) }
    }

    /// The value, once set, or nil when `timeout` passes first.
    func value(within timeout: Duration) async -> Value? {
        if let value = current { return value }
        let id = state.withLock { state -> UInt64 in
            state.next += 1
            return state.next
        }
        return await withTaskGroup(of: Value?.self) { group in
            group.addTask { await self.wait(id) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.expire(id)
                return nil
            }
            var result: Value?
            // The waiter's answer decides (the timer only ends it early).
            for await answer in group {
                if let answer { result = answer }
                group.cancelAll()
            }
            return result ?? current
        }
    }

    private func wait(_ id: UInt64) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let now = state.withLock { state -> (Bool, Value?) in
                if let value = state.value { return (true, value) }
                if state.expired.remove(id) != nil { return (true, nil) }
                state.waiters[id] = continuation
                return (false, nil)
            }
            if now.0 { continuation.resume(returning: now.1) }
        }
    }

    private func expire(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
            guard let waiter = state.waiters.removeValue(forKey: id) else {
                if state.value == nil { state.expired.insert(id) }
                return nil
            }
            return waiter
        }
        waiter?.resume(returning: nil)
    }
}

import Synchronization

/// Runs waiting for a worker, in arrival order. A wait can be cancelled (the run ended while
/// queued) and then leaves the queue synchronously from its cancellation handler; a worker
/// handed to the queue goes to the first wait that is still there.
final class WaitQueue: Sendable {
    private enum Slot {
        case queued
        case waiting(CheckedContinuation<Int32, any Error>)
        case assigned(Int32)
        case failed(any Error)
    }

    private struct State {
        var order: [UInt64] = []
        var slots: [UInt64: Slot] = [:]
        var next: UInt64 = 0

        mutating func remove(_ ticket: UInt64) {
            order.removeAll { $0 == ticket }
            slots[ticket] = nil
        }
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.order.count } }

    /// Takes a place in the queue (before waiting, so the count is right at once).
    func enqueue() -> UInt64 {
        state.withLock { state in
            state.next += 1
            state.order.append(state.next)
            state.slots[state.next] = .queued
            return state.next
        }
    }

    /// Waits for the worker handed to `ticket`. Throws `CancellationError` when cancelled, or
    /// the error the queue was failed with.
    func wait(_ ticket: UInt64) async throws -> Int32 {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                let ready = state.withLock { state -> Result<Int32, any Error>? in
                    switch state.slots[ticket] {
                    case .assigned(let pid)?:
                        state.slots[ticket] = nil
                        return .success(pid)
                    case .failed(let error)?:
                        state.slots[ticket] = nil
                        return .failure(error)
                    case .queued?:
                        if Task.isCancelled {
                            state.remove(ticket)
                            return .failure(CancellationError())
                        }
                        state.slots[ticket] = .waiting(continuation)
                        return nil
                    case .waiting?, nil:
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Int32, any Error>? in
                guard case .waiting(let continuation)? = state.slots[ticket] else {
                    if case .queued? = state.slots[ticket] { state.remove(ticket) }
                    return nil
                }
                state.remove(ticket)
                return continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Gives `pid` to the first queued run, calling `reserve` first. False if none waits.
    func handOver(_ pid: Int32, reserve: () -> Void) -> Bool {
        let waiter = state.withLock { state -> (CheckedContinuation<Int32, any Error>?, Bool) in
            guard let ticket = state.order.first else { return (nil, false) }
            state.order.removeFirst()
            reserve()
            switch state.slots[ticket] {
            case .waiting(let continuation)?:
                state.slots[ticket] = nil
                return (continuation, true)
            default:
                state.slots[ticket] = .assigned(pid)
                return (nil, true)
            }
        }
        waiter.0?.resume(returning: pid)
        return waiter.1
    }

    /// Fails every queued wait (the gateway is draining).
    func failAll(_ error: any Error) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32, any Error>] in
            var continuations: [CheckedContinuation<Int32, any Error>] = []
            for ticket in state.order {
                if case .waiting(let continuation)? = state.slots[ticket] {
                    continuations.append(continuation)
                    state.slots[ticket] = nil
                } else {
                    state.slots[ticket] = .failed(error)
                }
            }
            state.order.removeAll()
            return continuations
        }
        waiters.forEach { $0.resume(throwing: error) }
    }
}

import Synchronization

/// A value delivered once, awaited by one task: it may be fulfilled before or after the wait
/// begins, and a cancelled wait fails with `CancellationError`. Replaces the pattern of
/// registering a continuation and sending a request from an unowned task.
public final class Promise<Value: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Value, any Error>?)
        case done(Result<Value, any Error>)
    }

    private let state = Mutex(State.waiting(nil))

    public init() {}

    public func fulfill(_ value: Value) { complete(.success(value)) }
    public func fail(_ error: any Error) { complete(.failure(error)) }

    /// True until fulfilled or failed.
    public var isPending: Bool {
        state.withLock { if case .waiting = $0 { true } else { false } }
    }

    private func complete(_ result: Result<Value, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard case .waiting(let waiter) = state else { return nil }
            state = .done(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    public var value: Value {
        get async throws {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                    let ready = state.withLock { state -> Result<Value, any Error>? in
                        switch state {
                        case .done(let result): return result
                        case .waiting:
                            if Task.isCancelled {
                                state = .done(.failure(CancellationError()))
                                return .failure(CancellationError())
                            }
                            state = .waiting(continuation)
                            return nil
                        }
                    }
                    if let ready { continuation.resume(with: ready) }
                }
            } onCancel: {
                complete(.failure(CancellationError()))
            }
        }
    }
}

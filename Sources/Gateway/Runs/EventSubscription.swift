import ServiceSupport
import Store
import Synchronization

/// One reader's mailbox for a live run's persisted events. The event log deposits each
/// published batch; the reader takes everything deposited since its last take as one batch,
/// so a reader that falls behind (a slow client, a busy machine) writes one larger chunk
/// instead of one per batch, and is woken once however many batches wait.
///
/// Iterating it yields those merged batches until the run has ended and all is taken, or the
/// reading task is cancelled; an empty batch means only that a keep-alive is due
/// (``keepAlive()``), so one loop serves both and the response is written from one task. ``cancel()`` detaches it from the log (readers call it when
/// they stop, whichever way).
public final class EventSubscription: AsyncSequence, Sendable {
    public typealias Element = EventBatch

    private struct State {
        var pending: EventBatch?
        var ended = false
        var cancelled = false
        var keepAliveDue = false
    }

    private let state = Mutex(State())
    private let signal = AsyncSignal()
    private let onCancel: @Sendable () -> Void

    init(onCancel: @escaping @Sendable () -> Void) {
        self.onCancel = onCancel
    }

    // MARK: The log's side

    func deposit(_ batch: EventBatch) {
        let wake = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            if state.pending == nil {
                state.pending = batch
                return true
            }
            state.pending!.append(batch)
            return false  // the reader has not taken the earlier deposit yet: already woken
        }
        if wake { signal.raise() }
    }

    /// No more batches will come (the run ended, or was given up).
    func end() {
        state.withLock { $0.ended = true }
        signal.raise()
    }

    // MARK: The reader's side

    /// Wakes the reader with an empty batch if nothing else is pending.
    public func keepAlive() {
        state.withLock { $0.keepAliveDue = true }
        signal.raise()
    }

    /// Stops deliveries and detaches from the log. Idempotent.
    public func cancel() {
        let first = state.withLock { state -> Bool in
            defer { state.cancelled = true }
            state.pending = nil
            return !state.cancelled
        }
        if first { onCancel() }
    }

    /// Everything deposited since the last take; nil once ended and drained, or cancelled.
    public func next() async -> EventBatch? {
        while true {
            let taken = state.withLock { state -> EventBatch?? in
                defer { state.keepAliveDue = false }
                if let pending = state.pending {
                    state.pending = nil
                    return .some(pending)
                }
                if state.ended || state.cancelled { return .some(nil) }
                return state.keepAliveDue ? .some(EventBatch(events: [])) : nil
            }
            if let taken { return taken }
            if Task.isCancelled { return nil }
            await signal.wait()
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let subscription: EventSubscription
        public mutating func next() async -> EventBatch? { await subscription.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(subscription: self) }
}

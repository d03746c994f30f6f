import Foundation

/// Messages decoded by a socket's reader thread, waiting for the connection's one consumer.
///
/// Bounded: while `limit` messages wait, the reader thread blocks (and so stops reading the
/// socket), so a peer that floods us fills its own socket buffer, not our memory.
final class InboundQueue: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var items: [IPCMessage] = []
    private var head = 0
    private var end: Result<Void, any Error>?
    private var waiter: CheckedContinuation<IPCMessage?, any Error>?
    private var consumerGone = false
    private let limit: Int

    init(limit: Int = 1024) {
        self.limit = limit
    }

    /// Reader thread: hands over one message, blocking while the queue is full. Returns false
    /// when nobody will read any more (the consumer finished or was cancelled).
    func push(_ message: IPCMessage) -> Bool {
        condition.lock()
        while items.count - head >= limit, !consumerGone { condition.wait() }
        guard !consumerGone else {
            condition.unlock()
            return false
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: message)
            return true
        }
        items.append(message)
        condition.unlock()
        return true
    }

    /// Reader thread: the stream ended (nil: the peer closed cleanly).
    func finish(_ error: (any Error)?) {
        condition.lock()
        if end == nil { end = error.map { .failure($0) } ?? .success(()) }
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(with: error.map { .failure($0) } ?? .success(nil))
    }

    /// The consumer: the next message, nil at the end, or the stream's error. Cancelling the
    /// waiting task ends the stream for good (as with NIO's inbound stream).
    func next() async throws -> IPCMessage? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<IPCMessage?, any Error>) in
                condition.lock()
                if head < items.count {
                    let message = items[head]
                    head += 1
                    if head > 256, head * 2 > items.count {
                        items.removeFirst(head)
                        head = 0
                    }
                    condition.signal()
                    condition.unlock()
                    continuation.resume(returning: message)
                } else if let end {
                    condition.unlock()
                    continuation.resume(with: end.map { nil })
                } else if consumerGone {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                    condition.unlock()
                }
            }
        } onCancel: {
            consumerFinished()
        }
    }

    /// The consumer will read no more: release a blocked reader and a parked `next()`.
    func consumerFinished() {
        condition.lock()
        consumerGone = true
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }
}

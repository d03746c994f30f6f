import NIOCore
import Store

/// Persisted events of one run, in order, with their SSE frames: rendered once when the batch
/// is published and shared by every subscriber of the run (a `ByteBuffer` is copied on write
/// only), so ten readers cost one encoding.
public struct EventBatch: Sendable {
    public private(set) var events: [EventRecord]
    public private(set) var frames: ByteBuffer

    init(events: [EventRecord]) {
        self.events = events
        frames = SSEFrame.frames(events)
    }

    /// True when the run's terminal event is in the batch (nothing of the run follows it).
    public var endsRun: Bool { events.contains(where: \.isTerminal) }

    /// Appends a later batch of the same run (a reader that fell behind takes both in one piece).
    mutating func append(_ later: EventBatch) {
        events += later.events
        var more = later.frames
        frames.writeBuffer(&more)
    }
}

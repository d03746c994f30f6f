import IPC

/// The run-scoped frames a worker sent that its gateway has not yet acknowledged as durable.
/// Every frame gets the next worker sequence number (`wseq`, 1-based, gapless); an ack trims
/// the prefix it covers. After the gateway restarts and adopts the run, the worker re-sends
/// exactly the frames above the new gateway's persisted mark, so none is lost and the
/// gateway, which drops numbers it already holds, applies none twice (issue 13).
/// Not thread-safe on its own: the owning channel guards it.
struct ReplayBuffer {
    private(set) var nextWseq = 1
    private(set) var acknowledged = 0
    private var pending: [(wseq: Int, message: IPCMessage)] = []

    /// Numbers `message` and keeps it until acknowledged; returns the number given.
    mutating func append(_ message: IPCMessage) -> Int {
        let wseq = nextWseq
        nextWseq += 1
        pending.append((wseq, message))
        return wseq
    }

    /// The gateway made everything up to `wseq` durable. Stale or out-of-range acks are
    /// ignored: an ack never goes backwards and never covers a frame not yet sent.
    mutating func acknowledge(through wseq: Int) {
        guard wseq > acknowledged, wseq < nextWseq else { return }
        acknowledged = wseq
        pending.removeFirst(pending.prefix { $0.wseq <= wseq }.count)
    }

    /// Frames to re-send to a gateway that holds everything up to `persisted`, in order.
    /// Acknowledges `persisted` first: the new gateway's mark is authoritative.
    mutating func replay(after persisted: Int) -> [(wseq: Int, message: IPCMessage)] {
        acknowledge(through: persisted)
        return pending.filter { $0.wseq > persisted }
    }

    /// Frames numbered above `wseq`, without acknowledging anything (what a replay still
    /// has to send after it sent up to `wseq`).
    func frames(after wseq: Int) -> [(wseq: Int, message: IPCMessage)] {
        pending.filter { $0.wseq > wseq }
    }

    var unacknowledgedCount: Int { pending.count }
}

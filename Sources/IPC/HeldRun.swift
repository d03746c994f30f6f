/// Worker → gateway, inside `Hello`: the run this worker still executes after losing its
/// gateway. The new gateway may adopt it instead of failing it (issue 13). `nextWseq` is the
/// number the worker will give its next run-scoped frame, so the gateway can tell how far
/// the worker got beyond what was persisted.
public struct HeldRun: Codable, Sendable, Equatable {
    public var runId: String
    public var sessionId: String
    public var nextWseq: Int
    public init(runId: String, sessionId: String, nextWseq: Int) {
        self.runId = runId
        self.sessionId = sessionId
        self.nextWseq = nextWseq
    }
}

/// Gateway → worker, inside `HelloAck`: the held run was adopted. The worker replays its
/// buffered frames with a wseq greater than `persistedWseq` and drops the rest; the gateway
/// drops any frame at or below it, so a frame is applied exactly once.
public struct RunAdoption: Codable, Sendable, Equatable {
    public var runId: String
    public var persistedWseq: Int
    public init(runId: String, persistedWseq: Int) {
        self.runId = runId
        self.persistedWseq = persistedWseq
    }
}

/// Gateway → worker: every frame of the run up to `wseq` is durable; the worker may forget
/// them. Sent once per persisted batch, not per event.
public struct RunEventAck: Codable, Sendable, Equatable {
    public var runId: String
    public var wseq: Int
    public init(runId: String, wseq: Int) {
        self.runId = runId
        self.wseq = wseq
    }
}

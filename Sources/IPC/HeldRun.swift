/// Worker → gateway, inside `Hello`: the run this worker still executes after losing its
/// gateway. The new gateway may adopt it instead of failing it (issue 13). `nextWseq` is the
/// number the worker will give its next run-scoped frame, so the gateway can tell how far
/// the worker got beyond what was persisted.
public struct HeldRun: Codable, Sendable, Equatable {
    public var runId: String
    public var sessionId: String
    public var nextWseq: Int
    /// The wseq of each request still waiting for its answer (a tool decision, a workspace
    /// response). One the old gateway already processed and persisted cannot be answered
    /// again without re-applying it, so the new gateway refuses adoption when any is at or
    /// below its persisted mark; one above it is replayed and answered afresh.
    public var awaiting: [Int]
    /// The job the run was started with: an adopted run that later suspends for a person
    /// needs it to continue on a fresh worker.
    public var job: RunJob?
    public init(runId: String, sessionId: String, nextWseq: Int, awaiting: [Int] = [], job: RunJob? = nil) {
        self.runId = runId
        self.sessionId = sessionId
        self.nextWseq = nextWseq
        self.awaiting = awaiting
        self.job = job
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runId = try container.decode(String.self, forKey: .runId)
        sessionId = try container.decode(String.self, forKey: .sessionId)
        nextWseq = try container.decode(Int.self, forKey: .nextWseq)
        awaiting = try container.decodeIfPresent([Int].self, forKey: .awaiting) ?? []
        job = try container.decodeIfPresent(RunJob.self, forKey: .job)
    }
}

/// How long a run survives its gateway: the worker re-connects for at most `grace`, and a
/// restarted gateway waits at most `grace` for the workers of the runs it found unfinished
/// before failing them (`gateway_restarted`). One constant for both sides, so a worker never
/// gives up while its gateway would still adopt, nor the reverse for long.
public enum ReattachPolicy {
    public static let grace: Duration = .seconds(3)
    /// First pause between re-connect attempts; doubles up to `maxBackoff`. The supervisor
    /// restarts a gateway within ~100 ms, so the first tries come quickly.
    public static let initialBackoff: Duration = .milliseconds(5)
    public static let maxBackoff: Duration = .milliseconds(200)
    /// The gateway acknowledges durable frames once this many more are persisted (the
    /// worker's replay buffer stays short without an ack per event).
    public static let ackEvery = 32
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
/// them. Sent every few persisted frames, not per event. With `ended`: what the worker's
/// `run_end` decided is durable too — until then a worker keeps its finished run, so a gateway
/// that dies in between still gets the end from it (issue 13).
public struct RunEventAck: Codable, Sendable, Equatable {
    public var runId: String
    public var wseq: Int
    public var ended: Bool?
    public init(runId: String, wseq: Int, ended: Bool? = nil) {
        self.runId = runId
        self.wseq = wseq
        self.ended = ended
    }
}

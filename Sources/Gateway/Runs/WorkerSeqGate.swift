/// Applies a run's worker-numbered frames (`wseq`) exactly once. After a gateway restart
/// the worker replays what it was not sure was persisted; frames at or below the persisted
/// mark are duplicates and dropped, the next number is applied, and a gap means frames were
/// lost — the run can no longer be trusted to be complete (issue 13).
struct WorkerSeqGate {
    enum Verdict: Equatable {
        case apply
        case duplicate
        case gap(expected: Int, got: Int)
    }

    /// The highest wseq applied (and, once its batch commits, persisted).
    private(set) var applied: Int

    init(persisted: Int = 0) { applied = persisted }

    /// Frames from a worker that does not number them (`nil`) are applied as before.
    mutating func admit(_ wseq: Int?) -> Verdict {
        guard let wseq else { return .apply }
        if wseq <= applied { return .duplicate }
        guard wseq == applied + 1 else { return .gap(expected: applied + 1, got: wseq) }
        applied = wseq
        return .apply
    }
}

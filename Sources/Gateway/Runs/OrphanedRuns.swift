import Store
import Synchronization

/// Runs a previous gateway left unfinished (and not suspended for a person), waiting for
/// their workers to re-attach (issue 13). A worker that says hello with a `HeldRun` claims
/// its run; when the adoption grace ends, whatever nobody claimed is handed back to be
/// failed as `gateway_restarted`. Claim and expiry go through one lock, so every run is
/// either adopted or failed — exactly once, never both.
final class OrphanedRuns: Sendable {
    enum Claim: Equatable {
        case adopted(RunRecord)
        /// No such orphan: never unfinished, claimed already, or from another session.
        case unknown
        /// The grace is over; the run has been (or is being) failed.
        case expired
    }

    private struct State {
        var runs: [String: RunRecord]
        var expired = false
    }

    private let state: Mutex<State>

    init(_ runs: [RunRecord]) {
        state = Mutex(State(runs: Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })))
    }

    /// A re-attaching worker claims `runId`; the session must match what the store holds,
    /// so a worker cannot take over another session's run by naming it.
    func claim(runId: String, sessionId: String) -> Claim {
        state.withLock { state in
            if state.expired { return .expired }
            guard let run = state.runs[runId], run.sessionId == sessionId else { return .unknown }
            state.runs[runId] = nil
            return .adopted(run)
        }
    }

    /// Ends the grace: returns the unclaimed runs (to be failed) and refuses later claims.
    func expire() -> [RunRecord] {
        state.withLock { state in
            state.expired = true
            defer { state.runs.removeAll() }
            return state.runs.values.sorted { $0.id < $1.id }
        }
    }

    var isEmpty: Bool { state.withLock { $0.runs.isEmpty } }
}

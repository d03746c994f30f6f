import Contract

/// Why a store operation refused. The gateway maps each to one API error.
public enum StoreError: Error, Sendable, Equatable {
    case notFound
    case invalidTransition(from: SessionState, to: SessionState?)
    case runInProgress(runId: String)
    case costCapReached(costUsd: Double, capUsd: Double)
    case alreadyDecided(status: ApprovalStatus)
}

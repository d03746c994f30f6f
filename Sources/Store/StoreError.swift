import Contract

/// Why a store operation refused. The gateway maps each to one API error.
public enum StoreError: Error, Sendable, Equatable {
    case notFound
    case invalidTransition(from: SessionState, to: SessionState?)
    case runInProgress(runId: String)
    case costCapReached(costUsd: Double, capUsd: Double)
    case alreadyDecided(status: ApprovalStatus)
    /// A name that must be unique is taken (a tenant's).
    case alreadyExists(String)
    /// A count-based quota (sessions) is used up.
    case quotaExceeded(String, used: Int, limit: Int)
    /// The tenant already has as many runs going as it may.
    case tooManyRuns(active: Int, limit: Int)
}

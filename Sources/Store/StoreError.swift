/// Why a store operation refused. The gateway maps each to one API error.
public enum StoreError: Error, Sendable, Equatable {
    case notFound
    case invalidTransition(from: String, to: String)
    case runInProgress(runId: String)
    case costCapReached(costUsd: Double, capUsd: Double)
    case alreadyDecided(status: String)
}

/// Why the agent loop gave up on its own (the gateway's limits normally end a run first).
enum AgentLoopError: Error, Equatable, CustomStringConvertible {
    /// The model kept calling tools past every sensible step count.
    case tooManyTurns(Int)
    /// A resumed run's decision is not for the call it saved (or it saved none).
    case resumeMismatch
    /// The saved state could not be read (another version, or damaged).
    case unreadableCheckpoint

    var description: String {
        switch self {
        case .tooManyTurns(let turns): "the model did not finish within \(turns) turns"
        case .resumeMismatch: "the decision does not belong to the call this run waited for"
        case .unreadableCheckpoint: "the saved state of this run could not be read"
        }
    }
}

/// Why the agent loop gave up on its own (the gateway's limits normally end a run first).
enum AgentLoopError: Error, Equatable, CustomStringConvertible {
    /// The model kept calling tools past every sensible step count.
    case tooManyTurns(Int)

    var description: String {
        switch self {
        case .tooManyTurns(let turns): "the model did not finish within \(turns) turns"
        }
    }
}

/// Whether the resume supports a requirement.
public enum MatchStatus: String, Codable, Sendable {
    /// A resume line states it (the term, a synonym, or dates that add up).
    case supported
    /// Only related evidence: e.g. a spreadsheet forecast for "time-series forecasting". Never a claim.
    case partial
    /// Nothing in the resume supports it.
    case missing

    /// Credit in the score: supported 1, partial ½, missing 0.
    public var credit: Double {
        switch self {
        case .supported: 1
        case .partial: 0.5
        case .missing: 0
        }
    }
}

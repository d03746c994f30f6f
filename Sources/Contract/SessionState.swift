/// Where a session is in the journey (the contract's workflow states), in journey order.
/// `cancelled` ends a session from any state.
public enum SessionState: String, Sendable, Codable, CaseIterable, Hashable {
    case draft
    case resumeUploaded = "resume_uploaded"
    case jdProvided = "jd_provided"
    case gapAnalyzed = "gap_analyzed"
    case rewriteApplied = "rewrite_applied"
    case exported
    case cancelled

    /// The five steps a person walks through, in order (`cancelled` is not a step).
    public static let journey: [SessionState] = [.draft, .resumeUploaded, .jdProvided, .gapAnalyzed, .rewriteApplied, .exported]

    /// Position in the journey; `nil` for `cancelled`.
    public var step: Int? { Self.journey.firstIndex(of: self) }
}

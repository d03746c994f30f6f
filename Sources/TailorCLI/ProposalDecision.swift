import ResumeMatch

/// What happened to one proposal during review.
public struct ProposalDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// Accepted (by the person, or by auto-approve because it had no truthfulness flag).
        case applied
        /// The person said no.
        case rejected
        /// Auto-approve never applies a change with truthfulness flags.
        case skippedFlagged = "skipped_flagged"
        /// It no longer applies after earlier accepted changes, or changes nothing any more.
        case skippedConflict = "skipped_conflict"
        /// Review stopped first (`q`, or the answers ran out).
        case notReviewed = "not_reviewed"
    }

    public var proposalID: String
    public var title: String
    public var outcome: Outcome
    /// The diff that was shown, against the resume as it stood at that point; empty if none.
    public var shownDiff: String
    /// Unsupported claims: the proposal's own flags plus what `TruthGuard` found.
    public var truthFlags: [TruthFlag]

    public init(proposalID: String, title: String, outcome: Outcome, shownDiff: String, truthFlags: [TruthFlag]) {
        self.proposalID = proposalID
        self.title = title
        self.outcome = outcome
        self.shownDiff = shownDiff
        self.truthFlags = truthFlags
    }
}

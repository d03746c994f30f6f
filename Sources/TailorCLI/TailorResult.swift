import ResumeMatch

/// Everything a finished `tailor` run produced.
public struct TailorResult: Sendable {
    /// The imported resume as canonical Markdown (`resume.original.md`).
    public var originalMarkdown: String
    /// The resume with every accepted change (`resume.md`).
    public var finalMarkdown: String
    /// The analysis of the original resume, as printed.
    public var initialReport: GapReport
    /// The analysis of the final resume (`analysis/gap.json`).
    public var finalReport: GapReport
    /// One per proposal, in review order.
    public var decisions: [ProposalDecision]
    /// Paths of the files written, in writing order.
    public var writtenFiles: [String]

    public init(
        originalMarkdown: String, finalMarkdown: String, initialReport: GapReport, finalReport: GapReport,
        decisions: [ProposalDecision], writtenFiles: [String]
    ) {
        self.originalMarkdown = originalMarkdown
        self.finalMarkdown = finalMarkdown
        self.initialReport = initialReport
        self.finalReport = finalReport
        self.decisions = decisions
        self.writtenFiles = writtenFiles
    }
}

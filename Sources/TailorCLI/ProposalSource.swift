import ResumeMatch

/// Produces the edit proposals the person reviews, each a unified diff against the resume
/// text it is given.
///
/// The flow does not trust a source's `truthFlags`: it re-checks every proposal with
/// `TruthGuard` against the original resume before showing it (see ``TailorFlow``).
public protocol ProposalSource: Sendable {
    func proposals(resume: String, jobDescription: String, report: GapReport) async throws -> [EditProposal]
}

/// The built-in, deterministic source: `RewritePlanner`'s conservative reorders and summary sentence.
public struct RewritePlannerSource: ProposalSource {
    public init() {}

    public func proposals(resume: String, jobDescription: String, report: GapReport) async throws -> [EditProposal] {
        RewritePlanner.propose(resume: resume, jd: jobDescription, report: report)
    }
}

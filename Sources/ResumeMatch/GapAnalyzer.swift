import Foundation
import ResumeKit

/// Compares a resume (its Markdown, read through ResumeKit) with a job description and reports,
/// for every requirement, the resume lines that support it or that it is missing, with a score.
///
/// Deterministic: the same texts and `now` give the same report. Never throws: any text is
/// valid input, and an empty one just yields no requirements or no evidence.
public struct GapAnalyzer: Sendable {
    public let lexicon: Lexicon

    /// - Parameter lexicon: the vocabulary; the bundled one unless a test supplies another.
    public init(lexicon: Lexicon = .bundled) {
        self.lexicon = lexicon
    }

    /// Analyses `resume` against `jobDescription`.
    /// - Parameter now: the date that "Present" in the resume's date ranges stands for.
    public func analyze(resume: String, jobDescription: String, now: Date) -> GapReport {
        analyze(resume: resume, jobDescription: jobDescription, asOf: YearMonth(now))
    }

    func analyze(resume resumeText: String, jobDescription: String, asOf: YearMonth) -> GapReport {
        let resume = ResumeText(resumeText)
        let extracted = RequirementExtractor(lexicon: lexicon).extract(from: PostingText(jobDescription, lexicon: lexicon))
        return report(resume: resume, requirements: extracted, asOf: asOf)
    }

    /// The report for requirements already read from the posting (the extractor's, plus any
    /// accepted from a model, see `ProposedRequirementFilter`).
    func report(resume: ResumeText, requirements extracted: [ExtractedRequirement], asOf: YearMonth) -> GapReport {
        let timeline = ExperienceTimeline(resume: resume, now: asOf)
        let matcher = EvidenceMatcher(lexicon: lexicon, resume: resume, timeline: timeline)
        let requirements = AlternativeGroups.combine(extracted.map(matcher.match))
        return GapReport(
            schemaVersion: GapReport.currentSchemaVersion,
            asOf: asOf.isoString,
            score: ScoreBreakdown.compute(requirements),
            requirements: requirements,
            experience: ExperienceSummary(timeline),
            suggestions: SuggestionBuilder(lexicon: lexicon, resume: resume).build(requirements))
    }
}

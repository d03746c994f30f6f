import ResumeMatch
import Providers

/// `analyze_gap`: the evidence-linked gap analysis of `resume.md` against `jd.md`, written to
/// `analysis/gap.json` and `analysis/gap.md` (any executing call may write under `analysis/`).
struct AnalyzeGapTool: AgentTool {
    static let jsonPath = "analysis/gap.json"
    static let markdownPath = "analysis/gap.md"

    let spec = ToolDefinition(
        name: "analyze_gap",
        description: "Compare resume.md with jd.md: every requirement of the job with the resume lines that support it, "
            + "or marked missing, and a 0–100 match score. Writes analysis/gap.json and analysis/gap.md and returns the report.",
        parameters: ToolSchema.object())

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let resume = try await context.read(ReadResumeTool.path, missing: "the user has not uploaded a resume yet")
        let jd = try await context.read(ReadJobDescriptionTool.path, missing: "the user has not provided a job description yet")
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: context.now)
        let json: String
        do {
            json = String(decoding: try report.jsonData(), as: UTF8.self)
        } catch {
            throw ToolError("the gap report could not be encoded")
        }
        try await context.write(Self.jsonPath, content: json)
        try await context.write(Self.markdownPath, content: report.markdown)
        return ToolOutput(summary: Self.summary(report), content: report.markdown)
    }

    /// "Match score 62/100 — must-haves: 7 supported, 1 partial, 4 missing; nice-to-haves: …"
    static func summary(_ report: GapReport) -> String {
        func counts(_ c: ScoreBreakdown.StatusCounts) -> String {
            "\(c.supported) supported, \(c.partial) partial, \(c.missing) missing"
        }
        return "Match score \(report.score.score)/100 — must-haves: \(counts(report.score.mustHave)); "
            + "nice-to-haves: \(counts(report.score.niceToHave))."
    }
}

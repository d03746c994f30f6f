import ResumeMatch
import Providers

/// `analyze_gap`: the evidence-linked gap analysis of `resume.md` against `jd.md`, written to
/// `analysis/gap.json` and `analysis/gap.md` (any executing call may write under `analysis/`).
struct AnalyzeGapTool: AgentTool {
    static let jsonPath = "analysis/gap.json"
    static let markdownPath = "analysis/gap.md"

    /// A model may add at most this many requirements per call.
    static let maxExtraRequirements = 30

    let spec = ToolDefinition(
        name: "analyze_gap",
        description: "Compare resume.md with jd.md: every requirement of the job with the resume lines that support it, "
            + "or marked missing, and a 0–100 match score. Writes analysis/gap.json and analysis/gap.md and returns the report. "
            + "Optionally pass extra_requirements the built-in reading missed; each must quote the job description "
            + "verbatim and is checked like the built-in ones (no names, places, benefits or company description).",
        parameters: ToolSchema.object([
            "extra_requirements": [
                "type": "array",
                "description": .string("At most \(maxExtraRequirements) requirements of the job the report does not list yet."),
                "items": ToolSchema.object(
                    [
                        "label": ToolSchema.string("What the job asks for, in the job description's words.", minLength: 1, maxLength: 120),
                        "quote": ToolSchema.string("The sentence or phrase of jd.md that states it, copied exactly.", minLength: 1, maxLength: 500),
                        "priority": ToolSchema.enumeration(["must", "nice"], "must for required, nice for a plus."),
                    ],
                    required: ["label", "quote"]),
            ],
        ]))

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let resume = try await context.read(ReadResumeTool.path, missing: "the user has not uploaded a resume yet")
        let jd = try await context.read(ReadJobDescriptionTool.path, missing: "the user has not provided a job description yet")
        let proposals = try Self.proposals(arguments)
        // The local engine passes none, so its report stays exactly the deterministic one.
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: context.now, proposed: proposals)
        let json: String
        do {
            json = String(decoding: try report.jsonData(), as: UTF8.self)
        } catch {
            throw ToolError("the gap report could not be encoded")
        }
        try await context.write(Self.jsonPath, content: json)
        try await context.write(Self.markdownPath, content: report.markdown)
        let review = Self.review(proposals, jd: jd)
        return ToolOutput(summary: Self.summary(report) + review, content: report.markdown)
    }

    /// The model's extra requirements, read from the validated arguments.
    static func proposals(_ arguments: ToolArguments) throws(ToolError) -> [ProposedRequirement] {
        let items = arguments.values["extra_requirements"]?.arrayValue ?? []
        guard items.count <= maxExtraRequirements else {
            throw ToolError("extra_requirements: at most \(maxExtraRequirements) items, got \(items.count)")
        }
        return items.compactMap { item in
            guard let label = item["label"]?.stringValue, let quote = item["quote"]?.stringValue else { return nil }
            return ProposedRequirement(label: label, quote: quote, priority: item["priority"]?.stringValue.flatMap(RequirementPriority.init))
        }
    }

    /// " Extra requirements: 2 accepted; rejected: Acme (name_or_place)." — so the model learns
    /// which of its proposals did not hold up, and why.
    static func review(_ proposals: [ProposedRequirement], jd: String) -> String {
        guard !proposals.isEmpty else { return "" }
        let verdicts = ProposedRequirementFilter.review(proposals, jobDescription: jd)
        let accepted = verdicts.filter { $0.rejection == nil }.count
        let rejected = verdicts.compactMap { v in v.rejection.map { "\(v.proposal.label) (\($0.rawValue))" } }
        return " Extra requirements: \(accepted) accepted" + (rejected.isEmpty ? "." : "; rejected: " + rejected.joined(separator: ", ") + ".")
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

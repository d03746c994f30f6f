import Contract
import Providers
import ResumeMatch

/// The local engine's prose: short, concrete, Markdown, and honest about what it cannot do.
enum LocalAnswers {
    static let maxEvidence = 5
    static let maxSuggestions = 3

    // MARK: Analysis

    static func analysis(_ report: GapReport) -> String {
        var out = "**Match score: \(report.score.score)/100.** Must-haves: \(counts(report.score.mustHave)); "
            + "nice-to-haves: \(counts(report.score.niceToHave)).\n\n"
        out += "How the score works: each must-have counts twice and each nice-to-have once; a supported requirement "
            + "earns full credit, a partly supported one half, a missing one nothing.\n"
        out += evidence(report)
        out += list("Missing must-haves (not found in your resume)",
                    report.requirements.filter { $0.priority == .must && $0.status == .missing }.map { "- \($0.label)" })
        out += list("Only partly shown", report.requirements(.partial).map { r in
            "- \(r.label)" + (r.evidence.first.map { " — related: \"\(plain($0.text))\"" } ?? "")
        })
        let niceMissing = report.requirements.filter { $0.priority == .nice && $0.status == .missing }.map(\.label)
        if !niceMissing.isEmpty { out += "\n**Nice-to-haves not shown:** \(niceMissing.joined(separator: ", ")).\n" }
        out += list("Suggestions", report.suggestions.prefix(maxSuggestions).enumerated().map { "\($0.offset + 1). \($0.element.message)" })
        out += "\nThe full report, with every requirement and the resume line behind it, is in analysis/gap.md. "
            + "Ask me to tailor your resume and I will propose edits that surface what you already have; "
            + "I never add claims your resume cannot back up.\n"
        return out
    }

    private static func evidence(_ report: GapReport) -> String {
        let supported = report.requirements(.supported).sorted { $0.priority > $1.priority }
        let lines = supported.prefix(maxEvidence).map { r -> String in
            guard let e = r.evidence.first else { return "- **\(r.label)**" }
            return e.kind == .duration ? "- **\(r.label)** — \(plain(e.text))" : "- **\(r.label)** — \"\(plain(e.text))\" (line \(e.line))"
        }
        return list("Strongest evidence", lines)
    }

    // MARK: Tailoring

    static func tailoringIntro(count: Int, report: GapReport) -> String {
        "The match score is \(report.score.score)/100 now. I have \(count) change\(count == 1 ? "" : "s") to propose. "
            + "Each one only reorders or restates what your resume already says, and nothing is applied unless you approve it.\n\n"
    }

    static func proposalLine(index: Int, count: Int, _ proposal: EditProposal) -> String {
        "**\(index + 1)/\(count) — \(proposal.title).** \(proposal.rationale)\n\n"
    }

    static func tailoringSummary(proposals: [EditProposal], outcomes: [ToolResult?], before: GapReport, after: GapReport) -> String {
        guard !proposals.isEmpty else {
            return "I found nothing to change without adding claims: your resume already puts its relevant evidence "
                + "forward for this job (match score \(before.score.score)/100).\n" + missingNote(after)
        }
        var applied = 0, rejected = 0
        var lines: [String] = []
        for (proposal, outcome) in zip(proposals, outcomes) {
            switch outcome?.status {
            case .ok?: applied += 1; lines.append("- ✅ \(proposal.title) — applied")
            case .rejected?: rejected += 1; lines.append("- ❌ \(proposal.title) — \(outcome?.content ?? "rejected")")
            default: lines.append("- ⚠️ \(proposal.title) — not applied (\(outcome?.content ?? "no answer"))")
            }
        }
        var out = "Done: \(applied) of \(proposals.count) change\(proposals.count == 1 ? "" : "s") applied"
            + (rejected > 0 ? ", \(rejected) rejected" : "") + ".\n\n" + lines.joined(separator: "\n") + "\n\n"
        out += "**Match score: \(before.score.score)/100 before → \(after.score.score)/100 after.**"
        out += applied > 0 ? " resume.md and the preview are updated.\n" : " Your resume is unchanged.\n"
        return out + missingNote(after)
    }

    private static func missingNote(_ report: GapReport) -> String {
        let missing = report.requirements.filter { $0.priority == .must && $0.status == .missing }.map(\.label)
        guard !missing.isEmpty else { return "" }
        return "\nStill missing: \(missing.joined(separator: ", ")). I did not add them, because your resume does not "
            + "show them; if you do have that experience, add it in your own words.\n"
    }

    // MARK: Other answers

    static func exported(format: ExportFormat) -> String {
        "Your resume is exported as exports/resume.\(format.fileExtension); download it from the workspace files.\n"
    }

    static func missingInput(_ what: String, _ problem: String) -> String {
        "I could not read \(what): \(strip(problem)). " + (what == "your resume"
            ? "Upload your resume (PDF, DOCX, Markdown or plain text), then ask again.\n"
            : "Add the job description (paste its text or give its URL), then ask again.\n")
    }

    static func failed(_ action: String, _ problem: String) -> String {
        "I could not \(action): \(strip(problem)).\n"
    }

    static func help(state: SessionState?) -> String {
        var out = "I am the built-in assistant and work offline. I can:\n\n"
            + "- **analyse** how well your resume matches the job: a match score, the resume lines behind each "
            + "requirement, what is missing, and suggestions (try \"analyse my resume\");\n"
            + "- **tailor** your resume: propose truthful edits you approve one by one, and show the score before and after "
            + "(try \"tailor my resume\");\n"
            + "- **export** it as \(ExportFormat.spokenList) (try \"export as PDF\").\n\n"
            + "I cannot answer other questions, and I never add skills or experience your resume does not show.\n"
        switch state {
        case .draft?: out += "\nNext step: upload your resume.\n"
        case .resumeUploaded?: out += "\nNext step: add the job description (text or URL).\n"
        case .jdProvided?: out += "\nNext step: ask me to analyse the match.\n"
        case .gapAnalyzed?: out += "\nNext step: ask me to tailor your resume.\n"
        default: break
        }
        return out
    }

    // MARK: Helpers

    private static func list(_ title: String, _ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "\n**\(title)**\n" + lines.joined(separator: "\n") + "\n"
    }

    private static func counts(_ c: ScoreBreakdown.StatusCounts) -> String {
        "\(c.supported) supported, \(c.partial) partial, \(c.missing) missing"
    }

    /// A resume line without its Markdown markers, for quoting.
    static func plain(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") { text = String(text.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces) }
        for marker in ["- ", "* ", "+ "] where text.hasPrefix(marker) { text.removeFirst(marker.count) }
        text.removeAll { $0 == "*" || $0 == "`" }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// "error: x" → "x", for quoting a tool's message in a sentence.
    private static func strip(_ problem: String) -> String {
        var text = problem
        if text.hasPrefix("error: ") { text.removeFirst("error: ".count) }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

import Foundation

/// Renders a `GapReport` as the readable `analysis/gap.md`.
extension GapReport {
    /// Markdown: score with its formula and inputs, must-haves, nice-to-haves, experience, suggestions.
    public var markdown: String {
        var out = "# Gap analysis\n\n"
        out += "**Match score: \(score.score)/100**\n\n"
        out += "How it is computed: \(score.formula).\n\n"
        out += "Inputs: earned weight \(Self.number(score.earnedWeight)) of \(score.totalWeight) over \(score.units) scored "
            + "requirement(s). Must-haves: \(Self.counts(score.mustHave)). Nice-to-haves: \(Self.counts(score.niceToHave)).\n\n"
        out += section("Must-have requirements", requirements.filter { $0.priority == .must })
        out += section("Nice-to-have requirements", requirements.filter { $0.priority == .nice })
        out += "## Experience\n\n"
        out += "Dates in the resume cover \(Self.number(experience.totalYears)) years (\(experience.totalMonths) months, "
            + "overlapping jobs counted once, \"present\" = \(asOf)).\n"
        for span in experience.spans {
            out += "- line \(span.line): \(span.text) (\(span.start) to \(span.end))\n"
        }
        out += "\n## Suggestions\n\n"
        if suggestions.isEmpty { out += "None: the resume already covers this job well.\n" }
        for s in suggestions {
            out += "\(s.priority). \(Self.escape(s.message))\n"
        }
        return out
    }

    private func section(_ title: String, _ items: [RequirementMatch]) -> String {
        guard !items.isEmpty else { return "" }
        var out = "## \(title)\n\n"
        for r in items {
            let alternative = r.anyOfGroup.map { " (any one of group \($0))" } ?? ""
            out += "- \(Self.mark(r.status)) **\(Self.escape(r.label))** — \(r.status.rawValue), "
                + "\(r.category.rawValue.replacingOccurrences(of: "_", with: " "))\(alternative)\n"
            for e in r.evidence {
                out += "  - line \(e.line)\(e.section.isEmpty ? "" : " (\(Self.escape(e.section)))"): "
                    + "\"\(Self.escape(ResumeText.stripMarkup(e.text)))\"\(e.kind == .related ? " — related only" : "")\n"
            }
            if r.evidence.isEmpty, r.status == .missing { out += "  - not found in the resume\n" }
            if let note = r.note { out += "  - \(Self.escape(note))\n" }
            out += "  - job description line \(r.jdLine): \"\(Self.escape(r.jdText))\"\n"
        }
        return out + "\n"
    }

    private static func mark(_ status: MatchStatus) -> String {
        switch status {
        case .supported: "✅"
        case .partial: "⚠️"
        case .missing: "❌"
        }
    }

    private static func counts(_ c: ScoreBreakdown.StatusCounts) -> String {
        "\(c.supported) supported, \(c.partial) partial, \(c.missing) missing"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Quoted resume text must not turn into Markdown structure.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "*_`[]<>|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

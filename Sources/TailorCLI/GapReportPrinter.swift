import ResumeMatch

/// The gap analysis as terminal text: the score with its formula and inputs, what the resume
/// supports (quoting its lines), what is only partly supported, what is missing, and the
/// suggestions in priority order.
public struct GapReportPrinter: Sendable {
    public let style: TerminalStyle
    /// Evidence lines quoted per requirement.
    public var maxQuotes = 2

    public init(style: TerminalStyle) {
        self.style = style
    }

    public func render(_ report: GapReport) -> String {
        var out = style.bold("Match score: \(report.score.score)/100") + "\n"
        out += style.dim("  " + report.score.formula) + "\n"
        out += style.dim("  Earned weight \(Self.number(report.score.earnedWeight)) of \(report.score.totalWeight) over "
            + "\(report.score.units) scored requirement(s). Must-haves: \(Self.counts(report.score.mustHave)). "
            + "Nice-to-haves: \(Self.counts(report.score.niceToHave)).") + "\n"
        out += group("Supported", report.requirements(.supported), mark: style.green("✓"))
        out += group("Partly supported", report.requirements(.partial), mark: style.yellow("~"))
        out += group("Missing", report.requirements(.missing), mark: style.red("✗"))
        if !report.suggestions.isEmpty {
            out += "\n" + style.bold("Suggestions") + "\n"
            for s in report.suggestions.sorted(by: { $0.priority < $1.priority }) {
                out += "  \(s.priority). \(s.message)\n"
            }
        }
        return out
    }

    private func group(_ title: String, _ items: [RequirementMatch], mark: String) -> String {
        guard !items.isEmpty else { return "" }
        var out = "\n" + style.bold("\(title) (\(items.count))") + "\n"
        for r in items {
            out += "  \(mark) \(r.label) " + style.dim("[\(r.priority == .must ? "must-have" : "nice-to-have")]") + "\n"
            for e in r.evidence.prefix(maxQuotes) {
                let related = e.kind == .related ? "related only, " : ""
                out += "      " + style.dim("\(related)line \(e.line):") + " \"\(Self.plainText(e.text))\"\n"
            }
            if r.status == .missing {
                out += "      " + style.dim("asked for in the job description: \"\(r.jdText)\"") + "\n"
            }
            if let note = r.note { out += "      " + style.dim(note) + "\n" }
        }
        return out
    }

    /// A resume line without its Markdown markers, as a person would quote it.
    static func plainText(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        for prefix in ["### ", "## ", "# ", "- ", "* ", "+ "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            break
        }
        return text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
            .replacingOccurrences(of: "*", with: "")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private static func counts(_ c: ScoreBreakdown.StatusCounts) -> String {
        "\(c.supported) supported, \(c.partial) partial, \(c.missing) missing"
    }
}

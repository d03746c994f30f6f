/// Total professional experience from the resume's date ranges, overlaps counted once.
struct ExperienceTimeline: Sendable {
    let ranges: [DateRange]
    /// Months covered by at least one range.
    let totalMonths: Int
    /// "6 years of experience" stated in the resume text, with its line; used when no dates parse.
    let statedYears: (years: Int, line: Int)?

    init(resume: ResumeText, now: YearMonth) {
        var ranges: [DateRange] = []
        var stated: (Int, Int)?
        // With recognised sections, only the experience section counts: education dates are not work.
        let useAll = !resume.lines.contains { $0.sectionKind == .experience }
        for (i, line) in resume.lines.enumerated() {
            if stated == nil, line.sectionKind != .education, let years = YearsPhrase.find(in: resume.tokens[i]) {
                stated = (years.years, line.number)
            }
            let counts = line.sectionKind == .experience
                || (useAll && line.sectionKind != .education && line.sectionKind != .header)
            guard counts else { continue }
            ranges += DateRangeParser.ranges(in: resume.tokens[i], line: line.text, lineNumber: line.number, now: now)
        }
        self.ranges = ranges
        self.totalMonths = Self.mergedMonths(ranges)
        self.statedYears = stated.map { (years: $0.0, line: $0.1) }
    }

    /// Sum of the union of ranges: sort by start, extend while they overlap or touch.
    static func mergedMonths(_ ranges: [DateRange]) -> Int {
        let spans = ranges.map { ($0.start.ordinal, $0.end.ordinal + 1) }.sorted { $0.0 < $1.0 }
        var total = 0
        var current: (Int, Int)?
        for span in spans {
            if let c = current, span.0 <= c.1 {
                current = (c.0, max(c.1, span.1))
            } else {
                if let c = current { total += c.1 - c.0 }
                current = span
            }
        }
        if let c = current { total += c.1 - c.0 }
        return total
    }

    /// Whole years, rounded down to one decimal for display.
    var totalYears: Double { (Double(totalMonths) / 12 * 10).rounded(.down) / 10 }
}

import ResumeKit

/// Total professional experience from the resume's dates, overlaps counted once.
///
/// The dates are ResumeKit's: the experience entries its recognizer built, each with the range
/// its one date grammar read ("Since 2020", "2019 – الآن", "2020年4月 – 現在"). Only when the
/// resume has no experience section at all are ranges read from every line outside education.
struct ExperienceTimeline: Sendable {
    /// One counted span with the line it was read from.
    struct Span: Sendable, Equatable {
        let start: YearMonth
        /// Inclusive last month; for an open range the month the analysis runs in.
        let end: YearMonth
        let isCurrent: Bool
        /// The words the range was read from, quoted in the report.
        let text: String
        let line: Int

        var months: Int { max(0, end.monthOrdinal - start.monthOrdinal + 1) }
    }

    let spans: [Span]
    /// Months covered by at least one span.
    let totalMonths: Int
    /// "6 years of experience" stated in the resume text, with its line; used when no dates parse.
    let statedYears: (years: Int, line: Int)?

    init(resume: ResumeText, now: YearMonth) {
        var spans: [Span] = []
        let experienceLines = resume.lines.filter { $0.sectionKind == .experience }
        var searchFrom = 0
        for entry in resume.model.experience {
            guard let dates = entry.dates, let span = Self.span(dates, now: now, line: 0) else { continue }
            // The line that carries the dates, in document order.
            let found = experienceLines[searchFrom...].firstIndex { $0.text.contains(dates.text) }
            if let found { searchFrom = found }
            let line = found.map { experienceLines[$0].number }
                ?? resume.lines.first { $0.text.contains(dates.text) }?.number ?? experienceLines.first?.number ?? 1
            spans.append(Span(start: span.start, end: span.end, isCurrent: span.isCurrent, text: dates.text, line: line))
        }
        if experienceLines.isEmpty {
            for line in resume.lines where line.sectionKind != .education && (line.sectionKind != nil || !resume.hasSections) {
                for dates in DateRange.all(in: line.text) {
                    if let span = Self.span(dates, now: now, line: line.number) { spans.append(span) }
                }
            }
        }
        var stated: (Int, Int)?
        for (i, line) in resume.lines.enumerated() where line.sectionKind != .education {
            if let years = YearsPhrase.find(in: resume.tokens[i]) {
                stated = (years.years, line.number)
                break
            }
        }
        self.spans = spans
        self.totalMonths = Self.mergedMonths(spans)
        self.statedYears = stated.map { (years: $0.0, line: $0.1) }
    }

    /// A countable span: a start, and an end or "present"; never one that ends before it starts
    /// or starts after `now`.
    private static func span(_ dates: DateRange, now: YearMonth, line: Int) -> Span? {
        guard let start = dates.start, start.monthOrdinal <= now.monthOrdinal else { return nil }
        let end: YearMonth
        if dates.isCurrent {
            end = now
        } else if let last = dates.end {
            end = last
        } else {
            return nil
        }
        guard end.monthOrdinal >= start.monthOrdinal else { return nil }
        return Span(start: start, end: end, isCurrent: dates.isCurrent, text: dates.text, line: line)
    }

    /// Sum of the union of spans: sort by start, extend while they overlap or touch.
    static func mergedMonths(_ spans: [Span]) -> Int {
        let sorted = spans.map { ($0.start.monthOrdinal, $0.end.monthOrdinal + 1) }.sorted { $0.0 < $1.0 }
        var total = 0
        var current: (Int, Int)?
        for span in sorted {
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

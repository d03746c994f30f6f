/// A year with an optional month, as resumes give them ("2019", "03/2019", "March 2019").
public struct YearMonth: Codable, Sendable, Equatable, Hashable, Comparable {
    public var year: Int
    /// 1…12, or `nil` when only the year is known.
    public var month: Int?

    public init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month ?? 0) < (rhs.year, rhs.month ?? 0)
    }
}

/// The dates of an entry: the text exactly as written, plus what could be parsed from it.
///
/// The text is the source of truth (it is what gets rendered); `start`/`end` are best-effort
/// readings for gap analysis ("6 years of experience"). A single date ("2018") is read as the end.
public struct DateRange: Codable, Sendable, Equatable {
    public var text: String
    public var start: YearMonth?
    public var end: YearMonth?
    /// The range is open ("– Present", "– heute", "– actualidad").
    public var isCurrent: Bool

    public init(text: String, start: YearMonth? = nil, end: YearMonth? = nil, isCurrent: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.isCurrent = isCurrent
    }

    /// Parses `text` when it is a date or date range and nothing else.
    public init?(parsing text: String) {
        guard let found = DateRangeParser.find(in: text), found.remainder.isEmpty else { return nil }
        self = found.range
    }
}

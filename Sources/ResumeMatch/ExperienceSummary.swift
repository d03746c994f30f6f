/// Years of experience as read from the resume's dates.
public struct ExperienceSummary: Codable, Sendable, Equatable {
    /// One date range as found, with its line.
    public struct Span: Codable, Sendable, Equatable {
        public var line: Int
        public var text: String
        /// "2021-03"
        public var start: String
        /// "2024-06"; for an open range ("Present") the report's `as_of` month.
        public var end: String
        public var current: Bool
    }

    /// Months covered by at least one range; overlapping jobs count once.
    public var totalMonths: Int
    /// `total_months / 12`, rounded down to one decimal.
    public var totalYears: Double
    /// Years the resume states in words ("6 years of experience"), if any.
    public var statedYears: Int?
    public var spans: [Span]

    enum CodingKeys: String, CodingKey {
        case totalMonths = "total_months"
        case totalYears = "total_years"
        case statedYears = "stated_years"
        case spans
    }

    init(_ timeline: ExperienceTimeline) {
        totalMonths = timeline.totalMonths
        totalYears = timeline.totalYears
        statedYears = timeline.statedYears?.years
        spans = timeline.spans.map {
            Span(line: $0.line, text: $0.text, start: $0.start.isoString, end: $0.end.isoString, current: $0.isCurrent)
        }
    }
}

/// A span of employment read from one resume line, e.g. "March 2021 – Present".
struct DateRange: Sendable, Equatable {
    let start: YearMonth
    /// Inclusive last month; for "Present" the `now` month the analysis was given.
    let end: YearMonth
    let isCurrent: Bool
    /// The words the range was read from, quoted in the report.
    let text: String
    let line: Int

    /// Months covered, counting both the first and the last month.
    var months: Int { max(0, end.ordinal - start.ordinal + 1) }
}

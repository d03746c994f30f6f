import Foundation
import ResumeKit

/// What the analysis needs on top of ResumeKit's `YearMonth`: the month an analysis runs in,
/// the `as_of` spelling of reports, and month arithmetic for experience spans.
extension YearMonth {
    /// The month containing `date`, in UTC so results do not depend on the server's zone.
    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        self.init(year: parts.year ?? 2000, month: parts.month ?? 1)
    }

    /// Parses "2024-06" (the `as_of` field of a report).
    init?(isoString: String) {
        let parts = isoString.split(separator: "-")
        guard parts.count >= 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    /// "2024-06"; a year given without a month counts from mid-year ("2019" → "2019-06").
    var isoString: String { String(format: "%04d-%02d", year, month ?? Self.midYear) }

    /// Months since year 0, so spans are plain subtraction. A year without a month counts
    /// from mid-year, so "2019 – 2021" is two years, neither rounded up nor down.
    var monthOrdinal: Int { year * 12 + ((month ?? Self.midYear) - 1) }

    static let midYear = 6
}

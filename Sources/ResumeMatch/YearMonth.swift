import Foundation

/// A calendar month: the precision resumes give dates in.
struct YearMonth: Sendable, Hashable, Comparable {
    let year: Int
    let month: Int

    /// Months since year 0, so spans are plain subtraction.
    var ordinal: Int { year * 12 + (month - 1) }

    init(year: Int, month: Int) {
        self.year = year
        self.month = min(max(month, 1), 12)
    }

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

    var isoString: String { String(format: "%04d-%02d", year, month) }

    static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }
}

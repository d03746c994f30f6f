import Foundation
import Testing

@testable import Store

/// `since` for `resume-agent usage` and `/api/v1/admin/usage`: what the pattern lets through is
/// exactly what is read, and each form means what it says.
@Suite("Usage window")
struct UsageWindowTests {
    /// 2026-02-14T12:34:56.789Z
    let now = Date(timeIntervalSince1970: 1_771_072_496.789)

    @Test func relativeWindowsReachBackFromNowToTheSecond() {
        #expect(UsageWindow.start(of: "today", now: now) == "2026-02-14T00:00:00.000Z")
        #expect(UsageWindow.start(of: "90m", now: now) == "2026-02-14T11:04:56.000Z")
        #expect(UsageWindow.start(of: "24h", now: now) == "2026-02-13T12:34:56.000Z")
        #expect(UsageWindow.start(of: "7d", now: now) == "2026-02-07T12:34:56.000Z")
        #expect(UsageWindow.start(of: "30d", now: now) == "2026-01-15T12:34:56.000Z")
        #expect(UsageWindow.start(of: "0d", now: now) == "2026-02-14T12:34:56.000Z")
    }

    @Test func rfc3339TimesAreReadInUTCWithMilliseconds() {
        #expect(UsageWindow.start(of: "2026-02-01T00:00:00Z", now: now) == "2026-02-01T00:00:00.000Z")
        #expect(UsageWindow.start(of: "2026-02-01T00:00:00.123Z", now: now) == "2026-02-01T00:00:00.123Z")
        #expect(UsageWindow.start(of: "2026-02-01T00:00:00.1239999Z", now: now) == "2026-02-01T00:00:00.123Z")
        #expect(UsageWindow.start(of: "2026-02-01T01:30:00+02:00", now: now) == "2026-01-31T23:30:00.000Z")
        #expect(UsageWindow.start(of: "2026-02-01T22:00:00-03:00", now: now) == "2026-02-02T01:00:00.000Z")
        #expect(UsageWindow.start(of: "2024-02-29T00:00:00Z", now: now) == "2024-02-29T00:00:00.000Z")
        #expect(UsageWindow.start(of: "2000-02-29T00:00:00Z", now: now) == "2000-02-29T00:00:00.000Z")
    }

    @Test func windowsOutsideYearsZeroToNineThousandNineHundredNinetyNineAreClamped() {
        #expect(UsageWindow.start(of: "999999d", now: now) == "0000-01-01T00:00:00.000Z")
        #expect(UsageWindow.start(of: "0000-01-01T00:00:00+01:00", now: now) == "0000-01-01T00:00:00.000Z")
        #expect(UsageWindow.start(of: "9999-12-31T23:59:59-23:59", now: now) == "9999-12-31T23:59:59.999Z")
    }

    @Test(arguments: [
        "", "yesterday", "Today", "7", "d", "7w", "-7d", "1234567d", "7d ", " 7d", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
        "2026-01-01T00:00:60Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01t00:00:00z", "2026-01-01T00:00:00+24:00", "２０２６-01-01T00:00:00Z",
    ])
    func anythingElseIsRefused(since: String) {
        #expect(UsageWindow.start(of: since, now: now) == nil)
    }

    /// Every calendar day of four years (a leap year, a century that is not one, one that is)
    /// matches the pattern and reads as the same instant Foundation's calendar gives; each
    /// month's first day past its end does not match.
    @Test func theDaysThePatternAllowsAreExactlyTheCalendarsDays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for year in [1900, 2000, 2023, 2024] {
            for month in 1...12 {
                let days = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month, day: 1))!)!.count
                for day in 1...days {
                    let text = String(format: "%04d-%02d-%02dT06:07:08Z", year, month, day)
                    let date = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 6, minute: 7, second: 8)))
                    let seconds = Int(date.timeIntervalSince1970)
                    #expect(UsageWindow.start(of: text, now: now) == Timestamp.format(seconds: seconds, milliseconds: 0), "\(text)")
                }
                let past = String(format: "%04d-%02d-%02dT06:07:08Z", year, month, days + 1)
                #expect(UsageWindow.start(of: past, now: now) == nil, "\(past)")
            }
        }
    }

    @Test func aFinalLineBreakIsReadAsTheRegularExpressionMatchedIt() {
        // `$` matches before a final line break: what the API's check let through reads the same here.
        #expect(UsageWindow.start(of: "today\n", now: now) == "2026-02-14T00:00:00.000Z")
    }
}

import Foundation

/// How far back a usage report reaches: `today` (since midnight UTC, the day a daily budget
/// counts), `90m`, `24h`, `7d`, or an RFC 3339 time. One reading for `resume-agent usage
/// --since` and the dashboard's `GET /api/v1/admin/usage?since=`, so the two cannot disagree.
public enum UsageWindow {
    /// What `since` accepts, for help texts and error messages.
    public static let accepted = "today, a number of minutes, hours or days (90m, 24h, 7d, 30d), or an RFC 3339 time"

    /// Exactly the accepted forms: every value it matches is read (the API checks it before the
    /// handler runs, and a fuzzer that generates matching values must never see a 400). Dates are
    /// real calendar dates (days per month, leap years); seconds 00–59; offsets up to ±23:59.
    public static let pattern: String = {
        let year = "[0-9]{4}"
        let date = [
            "\(year)-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
            "\(year)-(0[13-9]|1[0-2])-(29|30)",
            "\(year)-(0[13578]|1[02])-31",
            "([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29",
        ].joined(separator: "|")
        let time = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
        return "^(today|[0-9]{1,6}[mhd]|(\(date))T\(time))$"
    }()

    /// The start of the window `since` names, as stored timestamps are written (RFC 3339 UTC
    /// with milliseconds), or nil when `since` is none of the accepted forms. Windows reaching
    /// before year 0000 or after 9999 are clamped to those years.
    public static func start(of text: String, now: Date = Date()) -> String? {
        // The matched part: a regular expression's `$` also matches before a final line break,
        // and what the API's check accepted must read the same here.
        guard let match = text.range(of: pattern, options: .regularExpression) else { return nil }
        let since = String(text[match])
        let nowMilliseconds = Int((now.timeIntervalSince1970 * 1000).rounded(.down))
        if since == "today" {
            let seconds = floorDiv(nowMilliseconds, 1000)
            return format(milliseconds: (seconds - mod(seconds, 86_400)) * 1000)
        }
        let units: [Character: Int] = ["m": 60, "h": 3600, "d": 86_400]
        if let unit = since.last, let seconds = units[unit], let count = Int(since.dropLast()) {
            return format(milliseconds: floorDiv(nowMilliseconds, 1000) * 1000 - count * seconds * 1000)
        }
        return rfc3339Milliseconds(since).map(format(milliseconds:))
    }

    /// Milliseconds since the epoch of a value the pattern matched in its RFC 3339 form.
    private static func rfc3339Milliseconds(_ text: String) -> Int? {
        let characters = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int {
            characters[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard characters.count >= 20 else { return nil }
        let days = daysFromCivil(year: number(0, 4), month: number(5, 2), day: number(8, 2))
        var milliseconds = (days * 86_400 + number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2)) * 1000
        var index = 19
        if characters[index] == UInt8(ascii: ".") {
            var digits = 0, fraction = 0
            index += 1
            while index < characters.count, (48...57).contains(characters[index]) {
                if digits < 3 { fraction = fraction * 10 + Int(characters[index] - 48) }
                digits += 1
                index += 1
            }
            for _ in digits..<max(digits, 3) { fraction *= 10 }
            milliseconds += fraction
        }
        guard index < characters.count else { return nil }
        if characters[index] != UInt8(ascii: "Z") {
            let offset = (number(index + 1, 2) * 60 + number(index + 4, 2)) * 60_000
            milliseconds += characters[index] == UInt8(ascii: "+") ? -offset : offset
        }
        return milliseconds
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static let earliest = daysFromCivil(year: 0, month: 1, day: 1) * 86_400_000
    private static let latest = daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400_000 - 1

    private static func format(milliseconds: Int) -> String {
        let clamped = min(max(milliseconds, earliest), latest)
        return Timestamp.format(seconds: floorDiv(clamped, 1000), milliseconds: mod(clamped, 1000))
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { (a - mod(a, b)) / b }
    private static func mod(_ a: Int, _ b: Int) -> Int { ((a % b) + b) % b }
}

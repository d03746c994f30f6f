import Foundation

/// A server's `Retry-After`: a number of seconds or an HTTP date.
public enum RetryAfter: Sendable, Equatable {
    case seconds(Int)
    case date(Date)

    /// Parses the header value; `nil` when it is neither form.
    public init?(headerValue: String) {
        let text = headerValue.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) {
            guard seconds >= 0 else { return nil }
            self = .seconds(seconds)
            return
        }
        guard let date = Self.parseHTTPDate(text) else { return nil }
        self = .date(date)
    }

    /// How long to wait from `now`; a date in the past means no wait.
    public func delay(from now: Date) -> Duration {
        switch self {
        case .seconds(let seconds):
            return .seconds(seconds)
        case .date(let date):
            let interval = max(0, date.timeIntervalSince(now))
            return .milliseconds(Int64((interval * 1000).rounded()))
        }
    }

    /// RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), plus the obsolete RFC 850 form.
    static func parseHTTPDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

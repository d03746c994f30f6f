/// Why a job-description URL could not be turned into text. `message` is written for the user;
/// `detail` (the policy reason, curl's message) is for logs.
public struct JobPageFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes for the API's error `details`.
    public enum Code: String, Sendable, Equatable {
        case urlNotAllowed = "url_not_allowed"
        case fetchFailed = "fetch_failed"
        case tooLarge = "too_large"
        case unsupportedContent = "unsupported_content"
    }

    public var code: Code
    public var message: String
    public var detail: String?

    public init(_ code: Code, _ message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(message)" + (detail.map { " (\($0))" } ?? "") }

    static func notAllowed(_ reason: String) -> JobPageFetchError {
        JobPageFetchError(.urlNotAllowed, "This address cannot be fetched; paste the job description text instead.", detail: reason)
    }
}

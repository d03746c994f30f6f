import Foundation

/// Fetches a job description from a web address and returns its readable text.
///
/// The seam for the server's fetcher (libcurl in a worker, SSRF-checked); the CLI has none of
/// its own yet, so its default, ``UnavailableJobDescriptionSource``, refuses with a clear message.
public protocol JobDescriptionSource: Sendable {
    /// The job posting at `url` as plain text.
    func fetch(url: URL) async throws -> String
}

/// The CLI default: no fetcher; every URL is refused with ``TailorError/urlFetchUnavailable(url:)``.
public struct UnavailableJobDescriptionSource: JobDescriptionSource {
    public init() {}

    public func fetch(url: URL) async throws -> String {
        throw TailorError.urlFetchUnavailable(url: url.absoluteString)
    }
}

/// Fetches a job posting's text from a URL, with SSRF protection. The seam between the worker's
/// `fetch_jd` job and NetGuard's libcurl fetcher (``GuardedJobPageFetcher``); tests pass fakes.
public protocol JobPageFetching: Sendable {
    /// The page's readable text. `allowList` holds operator-approved `host:port` or address
    /// entries that the private-address check lets through (tests use loopback servers).
    /// - Throws: ``JobPageFetchFailure``, or `CancellationError`.
    func fetch(url: String, allowList: [String]) async throws -> String
}

/// Why a job page could not be fetched: a stable code (`url_not_allowed`, `fetch_failed`,
/// `too_large`, `unsupported_content`) and a message for the person.
public struct JobPageFetchFailure: Error, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// A fetcher that refuses every fetch, clearly: for runs that must not reach the network (tests).
public struct UnavailableJobPageFetcher: JobPageFetching {
    public init() {}

    public func fetch(url: String, allowList: [String]) async throws -> String {
        throw JobPageFetchFailure(code: "fetch_unavailable", message: "Fetching job descriptions from a URL is not available; paste the text instead.")
    }
}

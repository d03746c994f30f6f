import IPC
import NetGuard

/// ``JobPageFetching`` over NetGuard's SSRF-safe ``JobPageFetcher`` (libcurl pinned to the
/// checked addresses, redirects re-checked, size and time limits). The page is returned as the
/// server sent it: reading it is a document worker's job.
public struct GuardedJobPageFetcher: JobPageFetching {
    public init() {}

    public func fetch(url: String, allowList: [String]) async throws -> FetchJobDescriptionRequest.Page {
        let fetcher = JobPageFetcher(policy: AddressPolicy(allowListEntries: allowList))
        do {
            let page = try await fetcher.fetch(url)
            return FetchJobDescriptionRequest.Page(finalUrl: page.finalURL, mediaType: page.mediaType, body: page.body, isHTML: page.isHTML)
        } catch let error as JobPageFetchError {
            throw JobPageFetchFailure(code: error.code.rawValue, message: error.message)
        }
    }
}

import NetGuard
import ResumeKit

/// ``JobPageFetching`` over NetGuard's SSRF-safe ``JobPageFetcher`` (libcurl pinned to the
/// checked addresses, redirects re-checked, size and time limits); HTML is reduced to the text
/// a person would read.
public struct GuardedJobPageFetcher: JobPageFetching {
    public init() {}

    public func fetch(url: String, allowList: [String]) async throws -> String {
        let fetcher = JobPageFetcher(policy: AddressPolicy(allowListEntries: allowList))
        do {
            let page = try await fetcher.fetch(url)
            return page.isHTML ? HTMLText.readableText(html: page.body) : page.body
        } catch let error as JobPageFetchError {
            throw JobPageFetchFailure(code: error.code.rawValue, message: error.message)
        }
    }
}

import Foundation
import NetGuard
import ResumeKit
import TailorCLI

/// `tailor --jd URL`: the same SSRF-checked fetcher the server's workers use (libcurl, pinned
/// to the checked address, redirects re-checked, size and time limits). Private and loopback
/// addresses are refused unless `RESUME_AGENT_FETCH_ALLOWLIST` names them.
struct FetchedJobDescriptionSource: JobDescriptionSource {
    let fetcher: JobPageFetcher

    init(environment: [String: String]) {
        let allowList = (environment["RESUME_AGENT_FETCH_ALLOWLIST"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        fetcher = JobPageFetcher(policy: AddressPolicy(allowListEntries: allowList))
    }

    func fetch(url: URL) async throws -> String {
        do {
            let page = try await fetcher.fetch(url.absoluteString)
            return page.isHTML ? HTMLText.readableText(html: page.body) : page.body
        } catch let error as JobPageFetchError {
            throw TailorError.urlFetchFailed(url: url.absoluteString, detail: error.message)
        }
    }
}

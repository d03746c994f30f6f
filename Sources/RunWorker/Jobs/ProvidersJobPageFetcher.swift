// Enabled by the lead once RunWorker depends on Providers: add "Providers" to the RunWorker
// target's dependencies and define RUNWORKER_PROVIDERS (or delete the #if lines). A plain
// `canImport(Providers)` is not used on purpose: in the full package the module can be visible
// on the search path without being linked, which would break the worker's link nondeterministically.
#if RUNWORKER_PROVIDERS
import Providers
import ResumeKit

/// ``JobPageFetching`` over the Providers module's libcurl ``JobPageFetcher``.
public struct ProvidersJobPageFetcher: JobPageFetching {
    public init() {}

    public func fetch(url: String, allowList: [String]) async throws -> String {
        let fetcher = JobPageFetcher(policy: AddressPolicy(allowListEntries: allowList))
        do {
            return try await fetcher.fetch(url).text
        } catch let error as JobPageFetchError {
            throw JobPageFetchFailure(code: error.code.rawValue, message: error.message)
        }
    }
}
#endif

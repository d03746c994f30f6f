import IPC
import WorkerCore

/// `fetch_jd`: the page behind a job posting's link, as the server sent it. Only the fetch
/// happens here, on the worker that may use the network; reading the page (HTML → text) is a
/// document job (`read_jd_page`) the gateway gives a document worker. Failures are 422 with the
/// fetcher's code.
enum FetchJobDescriptionJob {
    static let failureStatus = 422

    static func run(_ request: FetchJobDescriptionRequest, fetcher: any JobPageFetching) async throws -> FetchJobDescriptionRequest.Page {
        do {
            return try await fetcher.fetch(url: request.url, allowList: request.allowList)
        } catch let failure as JobPageFetchFailure {
            throw JobFailure(code: failure.code, message: failure.message, status: failureStatus)
        }
    }
}

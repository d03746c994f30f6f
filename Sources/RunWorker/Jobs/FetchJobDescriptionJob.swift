import IPC
import ResumeKit

/// `fetch_jd`: the page behind a job posting's link, reduced to text. Failures are 422 with the
/// fetcher's code.
enum FetchJobDescriptionJob {
    static let failureStatus = 422

    static func run(_ request: FetchJobDescriptionRequest, fetcher: any JobPageFetching) async throws -> FetchJobDescriptionRequest.Result {
        let url = request.url
        let allowList = request.allowList
        let text: String
        do {
            text = try await fetcher.fetch(url: url, allowList: allowList)
        } catch let failure as JobPageFetchFailure {
            throw JobFailure(code: failure.code, message: failure.message, status: failureStatus)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw JobFailure(code: "fetch_failed", message: "The page has no readable text; paste the job description instead.", status: failureStatus)
        }
        let title = JobDescription(text: trimmed).title
        return FetchJobDescriptionRequest.Result(text: trimmed, title: title)
    }
}

import IPC
import ResumeKit
import WorkerCore

/// `read_jd_page`: a fetched job page reduced to the text a person would read, and its title.
/// The page's bytes came from a server the user named; they are read here, on a worker with
/// no network and no keys, not on the agent worker that fetched them.
enum ReadJobPageJob {
    static let failureStatus = 422
    /// The fetcher's own limit on a page is 2 MiB; text decoded from it is no larger.
    static let maxBodyBytes = 4 * 1_048_576

    static func run(_ request: ReadJobPageRequest) throws(JobFailure) -> ReadJobPageRequest.Result {
        let page = request.page
        guard page.body.utf8.count <= maxBodyBytes else {
            throw JobFailure(code: "too_large", message: "The page is too large to read; paste the job description instead.", status: failureStatus)
        }
        let text = (page.isHTML ? HTMLText.readableText(html: page.body) : page.body).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw JobFailure(code: "fetch_failed", message: "The page has no readable text; paste the job description instead.", status: failureStatus)
        }
        return ReadJobPageRequest.Result(text: text, title: JobDescription(text: text).title)
    }
}

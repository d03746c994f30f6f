import IPC
import ResumeKit

/// `fetch_jd`: `{"url", "allow_list": ["127.0.0.1:8080", …]}` → `{"text", "title"}`. Failures
/// are 422 with the fetcher's code.
enum FetchJobDescriptionJob {
    static let failureStatus = 422

    static func run(_ input: JobInput, fetcher: any JobPageFetching) async throws -> JSONValue {
        let url = try input.string("url")
        let allowList = (input.input["allow_list"]?.arrayValue ?? []).compactMap(\.stringValue)
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
        return ["text": .string(trimmed), "title": title.map(JSONValue.string) ?? .null]
    }
}

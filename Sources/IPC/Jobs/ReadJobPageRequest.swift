/// Reduce a fetched job page to the text a person would read (HTML → text, title): the
/// document half of fetching a job description from a URL, on a worker with no network.
public struct ReadJobPageRequest: Codable, Sendable, Equatable {
    public var page: FetchJobDescriptionRequest.Page

    public init(page: FetchJobDescriptionRequest.Page) {
        self.page = page
    }

    /// What `POST …/jd` with a URL answers with.
    public typealias Result = FetchJobDescriptionRequest.Result
}

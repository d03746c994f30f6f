/// A fetched job page: its text as the server sent it.
public struct FetchedJobPage: Sendable, Equatable {
    /// The URL the text came from, after redirects.
    public var finalURL: String
    /// The media type the server declared (`text/html`, `application/xhtml+xml`, `text/plain`).
    public var mediaType: String
    /// The body decoded to text (UTF-8, or Latin-1 when the server says so); markup included.
    public var body: String

    public init(finalURL: String, mediaType: String, body: String) {
        self.finalURL = finalURL
        self.mediaType = mediaType
        self.body = body
    }

    /// Whether ``body`` is HTML, to be reduced to readable text before anyone reads it.
    public var isHTML: Bool { JobPageFetcher.htmlTypes.contains(mediaType) }
}

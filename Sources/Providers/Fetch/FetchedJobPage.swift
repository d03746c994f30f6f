/// A fetched job page, reduced to readable text.
public struct FetchedJobPage: Sendable, Equatable {
    /// The URL the text came from, after redirects.
    public var finalURL: String
    /// The media type the server declared (`text/html`, `text/plain`).
    public var mediaType: String
    public var text: String

    public init(finalURL: String, mediaType: String, text: String) {
        self.finalURL = finalURL
        self.mediaType = mediaType
        self.text = text
    }
}

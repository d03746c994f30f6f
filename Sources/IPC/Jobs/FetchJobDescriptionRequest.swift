/// Fetch a job posting's page with the SSRF-checked fetcher. Two jobs on two kinds of worker: an
/// agent worker (the one with network) fetches the page and answers ``Page`` without reading
/// it; a document worker reduces it to text (``ReadJobPageRequest``), answering ``Result``.
public struct FetchJobDescriptionRequest: Codable, Sendable, Equatable {
    public var url: String
    /// `host:port` entries the operator allows even if private or loopback.
    public var allowList: [String]
    public init(url: String, allowList: [String] = []) {
        self.url = url
        self.allowList = allowList
    }

    private enum CodingKeys: String, CodingKey { case url, allowList }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        allowList = try container.decodeIfPresent([String].self, forKey: .allowList) ?? []
    }

    /// The fetched page as the server sent it (decoded to text, markup included).
    public struct Page: Codable, Sendable, Equatable {
        /// The URL the text came from, after redirects.
        public var finalUrl: String
        /// The media type the server declared (`text/html`, `text/plain`, …).
        public var mediaType: String
        public var body: String
        /// Whether `body` is HTML, to be reduced to readable text.
        public var isHTML: Bool

        // Frames use snake_case key conversion, which would decode `is_html` as `isHtml`.
        enum CodingKeys: String, CodingKey {
            case finalUrl, mediaType, body
            case isHTML = "isHtml"
        }

        public init(finalUrl: String, mediaType: String, body: String, isHTML: Bool) {
            self.finalUrl = finalUrl
            self.mediaType = mediaType
            self.body = body
            self.isHTML = isHTML
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var text: String
        public var title: String?
        public init(text: String, title: String?) {
            self.text = text
            self.title = title
        }
    }
}

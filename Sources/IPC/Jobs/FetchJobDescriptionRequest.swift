/// Fetch a job posting's page with the SSRF-checked fetcher and reduce it to text.
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

    public struct Result: Codable, Sendable, Equatable {
        public var text: String
        public var title: String?
        public init(text: String, title: String?) {
            self.text = text
            self.title = title
        }
    }
}

/// Render `resume.md` as a file in one of the contract's formats.
public struct ExportRequest: Codable, Sendable, Equatable {
    public var markdown: String
    public var format: ExportFormat
    public var pageSize: PageSize

    public init(markdown: String, format: ExportFormat, pageSize: PageSize = .letter) {
        self.markdown = markdown
        self.format = format
        self.pageSize = pageSize
    }

    private enum CodingKeys: String, CodingKey { case markdown, format, pageSize }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        markdown = try container.decode(String.self, forKey: .markdown)
        format = try container.decode(ExportFormat.self, forKey: .format)
        pageSize = try container.decodeIfPresent(PageSize.self, forKey: .pageSize) ?? .letter
    }

    public struct Result: Codable, Sendable, Equatable {
        public var dataBase64: String
        public var contentType: String
        public var fileName: String
        public var size: Int
        public init(dataBase64: String, contentType: String, fileName: String, size: Int) {
            self.dataBase64 = dataBase64
            self.contentType = contentType
            self.fileName = fileName
            self.size = size
        }
    }
}

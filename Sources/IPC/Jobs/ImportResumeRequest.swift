/// Turn an uploaded file into the canonical `resume.md` (and its preview). The file itself
/// travels as the run's first passed descriptor (``RunStart/inputs``), opened read-only by the
/// gateway: the document worker is given no path, and could open none.
public struct ImportResumeRequest: Codable, Sendable, Equatable {
    /// The name the person gave the file (a format hint, never opened).
    public var filename: String?
    public var contentType: String?

    public init(filename: String? = nil, contentType: String? = nil) {
        self.filename = filename
        self.contentType = contentType
    }

    public struct Result: Codable, Sendable, Equatable {
        public struct Warning: Codable, Sendable, Equatable {
            public var code: String
            public var message: String
            public init(code: String, message: String) {
                self.code = code
                self.message = message
            }
        }
        public var markdown: String
        public var previewHtml: String?
        /// `pdf`, `docx`, `markdown`, `text`.
        public var format: String
        public var name: String?
        public var warnings: [Warning]
        /// The import's report (layout found, confidence), as the importer describes it.
        public var report: JSONValue?

        public init(markdown: String, previewHtml: String?, format: String, name: String?, warnings: [Warning], report: JSONValue? = nil) {
            self.markdown = markdown
            self.previewHtml = previewHtml
            self.format = format
            self.name = name
            self.warnings = warnings
            self.report = report
        }
    }
}

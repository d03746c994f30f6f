/// How an import went, for the person to check before going on: what layout was found, what
/// could not be placed, how sure we are of each section and of the whole, and warnings in
/// plain sentences. Stored with the session and shown next to the page images; a low overall
/// confidence says so rather than pretending.
public struct ImportReport: Codable, Sendable, Equatable {
    /// Text streams read side by side on one page (1 for a single column).
    public struct PageColumns: Codable, Sendable, Equatable {
        public var page: Int
        public var columns: Int

        public init(page: Int, columns: Int) {
            self.page = page
            self.columns = columns
        }
    }

    /// Text whose place in the reading order is a guess, or that was left out.
    public struct UnplacedBlock: Codable, Sendable, Equatable {
        public var page: Int
        public var text: String
        public var reason: String

        public init(page: Int, text: String, reason: String) {
            self.page = page
            self.text = text
            self.reason = reason
        }
    }

    /// How sure the import is of one section, 0…1, and why not fully.
    public struct SectionConfidence: Codable, Sendable, Equatable {
        public var title: String
        public var kind: ResumeSection.Kind
        public var confidence: Double
        public var notes: [String]

        public init(title: String, kind: ResumeSection.Kind, confidence: Double, notes: [String] = []) {
            self.title = title
            self.kind = kind
            self.confidence = confidence
            self.notes = notes
        }
    }

    public var format: DocumentFormat
    /// Pages in the file (PDF only).
    public var pageCount: Int?
    /// Pages (1-based) left out of the import: a separate document such as a cover letter.
    public var excludedPages: [Int]
    public var columns: [PageColumns]
    public var unplacedBlocks: [UnplacedBlock]
    public var sections: [SectionConfidence]
    /// 0…1 for the whole import.
    public var confidence: Double
    /// `confidence` is below ``lowConfidenceThreshold``: the person should check the text.
    public var lowConfidence: Bool
    public var warnings: [ImportWarning]

    public static let lowConfidenceThreshold = 0.6

    public init(
        format: DocumentFormat, pageCount: Int? = nil, excludedPages: [Int] = [], columns: [PageColumns] = [],
        unplacedBlocks: [UnplacedBlock] = [], sections: [SectionConfidence] = [], confidence: Double = 1,
        warnings: [ImportWarning] = []
    ) {
        self.format = format
        self.pageCount = pageCount
        self.excludedPages = excludedPages
        self.columns = columns
        self.unplacedBlocks = unplacedBlocks
        self.sections = sections
        self.confidence = confidence
        self.lowConfidence = confidence < Self.lowConfidenceThreshold
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey {
        case format, columns, sections, confidence, warnings
        case pageCount = "page_count"
        case excludedPages = "excluded_pages"
        case unplacedBlocks = "unplaced_blocks"
        case lowConfidence = "low_confidence"
    }
}

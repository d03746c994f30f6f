/// A job description as text, with what could be recognised of its structure: the job title
/// and company (usually in the first line) and its titled sections.
public struct JobDescription: Codable, Sendable, Equatable {
    /// What a section of a job description asks or tells.
    public enum SectionKind: String, Codable, Sendable {
        case about, responsibilities, requirements, niceToHave, benefits, other
    }

    /// A titled part of the description; `lines` keep list items without their bullets.
    public struct Section: Codable, Sendable, Equatable {
        public var heading: String?
        public var kind: SectionKind
        public var lines: [String]

        public init(heading: String?, kind: SectionKind, lines: [String]) {
            self.heading = heading
            self.kind = kind
            self.lines = lines
        }
    }

    public var title: String?
    public var company: String?
    public var location: String?
    /// The full text as given (trimmed).
    public var text: String
    public var sections: [Section]

    public init(title: String? = nil, company: String? = nil, location: String? = nil, text: String, sections: [Section]) {
        self.title = title
        self.company = company
        self.location = location
        self.text = text
        self.sections = sections
    }

    /// Reads a job description from plain text (or from ``HTMLText/readableText(html:)``).
    public init(text: String) {
        self = JobDescriptionReader.read(text)
    }

    /// Lines of all sections of a kind, e.g. every requirement.
    public func lines(of kind: SectionKind) -> [String] {
        sections.filter { $0.kind == kind }.flatMap(\.lines)
    }
}

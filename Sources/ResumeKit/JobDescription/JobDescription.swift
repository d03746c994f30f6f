/// A job description as text, with what could be recognised of its structure: the job title
/// and company (usually in the first line) and its titled sections.
public struct JobDescription: Codable, Sendable, Equatable {
    /// What a part of a job description asks or tells, as a recruiter reads it.
    public enum SectionKind: String, Codable, Sendable, CaseIterable {
        /// The company, its mission and culture ("About us").
        case about
        /// What the job involves ("What you will do"); implies skills.
        case responsibilities
        /// What the candidate must bring ("Requirements", "Qualifications").
        case requirements
        /// What helps but is not required ("Nice to have", "Preferred").
        case niceToHave
        /// What the employer offers ("Benefits", "We offer").
        case benefits
        /// Text under an unrecognised heading, or not yet placed.
        case other
        /// The title, company and place lines at the top.
        case header
        /// Equal-opportunity, privacy and other legal statements.
        case legal
        /// How to apply, contacts, deadlines.
        case application
        /// Key–value facts of a job board ("Job type: Full-time", "Company size:", "Likes: 0").
        case metadata

        /// Parts whose lines can state a requirement; the others never do.
        public var statesRequirements: Bool {
            switch self {
            case .requirements, .niceToHave, .responsibilities, .other: true
            case .about, .benefits, .header, .legal, .application, .metadata: false
            }
        }
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

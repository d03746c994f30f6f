/// One line of a job posting as a recruiter reads it: where it is, which part of the posting
/// holds it, and its words without bullets, Markdown or an inline heading.
public struct JobPostingLine: Sendable, Equatable {
    /// How the line's part was decided.
    public enum Evidence: String, Sendable, Equatable {
        /// A heading above it (or on it: "Requirements: …") names the part.
        case heading
        /// Its own wording does ("We offer …", "regardless of race", "send your CV").
        case wording
        /// Its place: the title lines at the top, or the continuation of the part above.
        case position
    }

    /// 1-based line number in the text as given.
    public let number: Int
    /// The line exactly as written.
    public let text: String
    /// The words of the line: no bullet, no Markdown emphasis, no inline heading label.
    public let content: String
    public let part: JobDescription.SectionKind
    public let evidence: Evidence
    /// The line is a heading (its `part` is the part it opens).
    public let isHeading: Bool
    /// The line is a list item.
    public let isBullet: Bool

    public init(
        number: Int, text: String, content: String, part: JobDescription.SectionKind, evidence: Evidence,
        isHeading: Bool, isBullet: Bool
    ) {
        self.number = number
        self.text = text
        self.content = content
        self.part = part
        self.evidence = evidence
        self.isHeading = isHeading
        self.isBullet = isBullet
    }

    /// True when requirements may be read from this line: a content line of a part that states them.
    public var mayStateRequirements: Bool { !isHeading && !content.isEmpty && part.statesRequirements }
}

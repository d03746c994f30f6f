/// A resume line quoted as support for a requirement.
public struct Evidence: Codable, Sendable, Equatable {
    /// How the line relates to the requirement.
    public enum Kind: String, Codable, Sendable {
        /// The requirement's own term appears.
        case exact
        /// A synonym or alias appears ("Postgres" for PostgreSQL, "mentored" for mentoring).
        case synonym
        /// Something related but not the same; only ever makes a requirement `partial`.
        case related
        /// Computed from the line's dates (years of experience).
        case dates
    }

    /// 1-based line number in the resume.
    public var line: Int
    /// Heading of the section holding the line ("" if the resume has none).
    public var section: String
    /// The line exactly as written in the resume.
    public var text: String
    /// The words in the line that matched.
    public var matched: String
    public var kind: Kind

    public init(line: Int, section: String, text: String, matched: String, kind: Kind) {
        self.line = line
        self.section = section
        self.text = text
        self.matched = matched
        self.kind = kind
    }
}

/// A resume line quoted as support for a requirement.
public struct Evidence: Codable, Sendable, Equatable {
    /// How the line relates to the requirement.
    public enum Kind: String, Codable, Sendable {
        /// The requirement's own term appears, as a whole word.
        case exact
        /// A listed synonym or abbreviation appears ("Postgres" for PostgreSQL, "mentored" for mentoring).
        case synonym
        /// A listed narrower term appears: a kind of the requirement (PostgreSQL for SQL, EKS for Kubernetes).
        case narrower
        /// Computed from the line's dates (years of experience). Dates prove durations only.
        case duration
        /// Something related but not the same; only ever makes a requirement `partial`.
        case related

        /// Reports written before "duration" called it "dates".
        public init(from decoder: any Decoder) throws {
            let raw = try decoder.singleValueContainer().decode(String.self)
            if raw == "dates" {
                self = .duration
            } else if let kind = Kind(rawValue: raw) {
                self = kind
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown evidence kind \(raw)"))
            }
        }
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

/// A claim in proposed resume text that the original resume does not support.
public struct TruthFlag: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// A skill, tool or domain term (lexicon or technical-looking word).
        case skill
        case employer
        case title
        case degree
        case certification
        /// A year or month that is not in the original.
        case date
        /// A number, percentage or amount of money that is not in the original.
        case number
        /// A capitalised name the original never mentions (a product, company, place).
        case name
    }

    public var kind: Kind
    /// The words that make the claim, as written in the proposed text.
    public var claim: String
    /// 1-based line of the proposed text.
    public var line: Int
    /// That line, as proposed.
    public var lineText: String
    /// Why it was flagged, for the person reviewing the edit.
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case kind, claim, line, reason
        case lineText = "line_text"
    }
}

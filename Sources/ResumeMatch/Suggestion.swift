/// One piece of advice, in priority order. Never asks the user to claim what they lack.
public struct Suggestion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A must-have the resume supports only in a list: show it where a reader looks.
        case surfaceMustHave = "surface_must_have"
        /// A must-have with no support: say so; add it only if it is true.
        case missingMustHave = "missing_must_have"
        /// Only related evidence: describe direct experience if there is any.
        case strengthenPartial = "strengthen_partial"
        /// Put the most relevant skills first.
        case reorderSkills = "reorder_skills"
        /// Name supported must-haves in the summary.
        case summarize
        /// Nice-to-haves the resume does not show.
        case missingNiceToHave = "missing_nice_to_have"
    }

    /// 1 is the most important.
    public var priority: Int
    public var kind: Kind
    /// Requirement ids this suggestion is about.
    public var requirementIds: [String]
    public var message: String
    /// The resume line it refers to, if one.
    public var line: Int?

    enum CodingKeys: String, CodingKey {
        case priority, kind, message, line
        case requirementIds = "requirement_ids"
    }
}

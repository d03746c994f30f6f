/// A requirement as read from the job description, before it meets the resume.
struct ExtractedRequirement: Sendable {
    /// How to look for it in a resume.
    enum Matcher: Sendable {
        /// A lexicon entry (any alias; related entries and phrases give partial credit).
        case lexicon(entry: Int)
        /// Total professional years from the resume's dates.
        case years(Int)
        /// A degree of at least `level`, optionally in a field (stems).
        case degree(level: Int, field: [String])
        /// A capitalised term or acronym not in the lexicon ("Looker", "CRRT").
        case term(stems: [String])
        /// A noun phrase from a requirement bullet ("patient assessment").
        case phrase(stems: [String])
    }

    let id: String
    var label: String
    let category: RequirementCategory
    var priority: RequirementPriority
    var jdLine: Int
    var jdText: String
    /// Alternatives group, numbered per job description; nil when required on its own.
    var group: Int?
    let matcher: Matcher
    /// Token position in its line, for ordering and grouping.
    let tokenRange: Range<Int>
}

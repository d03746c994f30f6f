/// A requirement as read from the job description, before it meets the resume.
struct ExtractedRequirement: Sendable {
    /// How to look for it in a resume.
    enum Matcher: Sendable {
        /// A lexicon entry (any alias or narrower term proves it; related terms give partial credit).
        case lexicon(entry: Int)
        /// Total professional years from the resume's dates.
        case years(Int)
        /// A degree of at least `level`, optionally in a field (word keys).
        case degree(level: Int, field: [String])
        /// A tool-shaped term the lexicon does not know ("TestCafe", "CRRT"), as word keys.
        case term(keys: [String])
        /// A noun phrase from a requirement bullet ("patient assessment"), as word keys.
        case phrase(keys: [String])
    }

    let id: String
    var label: String
    let category: RequirementCategory
    var priority: RequirementPriority
    var jdLine: Int
    var jdText: String
    /// The words of the job description the requirement was read from, as written.
    var jdTerm: String
    /// Alternatives group, numbered per job description; nil when required on its own.
    var group: Int?
    let matcher: Matcher
    /// Token position in its line, for ordering and grouping.
    let tokenRange: Range<Int>
}

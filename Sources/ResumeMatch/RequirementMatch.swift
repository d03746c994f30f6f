/// One requirement extracted from the job description, with the verdict on the resume.
public struct RequirementMatch: Codable, Sendable, Equatable {
    /// Stable id: a lexicon id ("kubernetes"), "years:5", "degree:1:computer science", or
    /// "term:…"/"phrase:…" for words found by pattern rather than by the lexicon.
    public var id: String
    /// Display name ("Kubernetes", "5+ years of experience").
    public var label: String
    public var category: RequirementCategory
    public var priority: RequirementPriority
    public var status: MatchStatus
    /// 1-based line of the job description where it was first found.
    public var jdLine: Int
    /// That job-description line, trimmed.
    public var jdText: String
    /// Requirements sharing a group were written as alternatives ("Tableau or Looker"):
    /// the score counts the group once, at its best status.
    public var anyOfGroup: Int?
    /// For years-of-experience requirements, the number asked for.
    public var yearsRequired: Int?
    /// Supporting (or, for `partial`, related) resume lines, best first.
    public var evidence: [Evidence]
    /// Why the verdict is what it is, when that is not obvious from the evidence.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case id, label, category, priority, status
        case jdLine = "jd_line"
        case jdText = "jd_text"
        case anyOfGroup = "any_of_group"
        case yearsRequired = "years_required"
        case evidence, note
    }
}

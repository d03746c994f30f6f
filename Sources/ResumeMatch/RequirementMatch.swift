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
    /// The words of that line the requirement was read from, as written ("k8s", "Tableau or Looker").
    public var jdTerm: String?
    /// Set when the job accepts any one of several alternatives ("Tableau or Looker", "Go/Python"):
    /// the group's number. The group is this one requirement, at its best member's status.
    public var anyOfGroup: Int?
    /// The alternatives, each with its own verdict; nil for a requirement that stands alone.
    public var alternatives: [Alternative]?
    /// For years-of-experience requirements, the number asked for.
    public var yearsRequired: Int?
    /// Supporting (or, for `partial`, related) resume lines, best first.
    public var evidence: [Evidence]
    /// Why the verdict is what it is, when that is not obvious from the evidence.
    public var note: String?

    /// One member of a group of alternatives.
    public struct Alternative: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var status: MatchStatus
    }

    enum CodingKeys: String, CodingKey {
        case id, label, category, priority, status, alternatives
        case jdLine = "jd_line"
        case jdText = "jd_text"
        case jdTerm = "jd_term"
        case anyOfGroup = "any_of_group"
        case yearsRequired = "years_required"
        case evidence, note
    }

    /// True when the requirement is `id` or offers it as one of its alternatives.
    public func covers(_ id: String) -> Bool {
        self.id == id || (alternatives?.contains { $0.id == id } ?? false)
    }
}

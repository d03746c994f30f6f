/// One targeted edit to the resume, ready for the user to approve or reject.
///
/// Every proposal is made against the original resume text. The planner's edits keep the
/// number of lines unchanged, so several approved proposals also apply one after another.
public struct EditProposal: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Move the job's skills to the front of a skills list.
        case reorderSkills = "reorder_skills"
        /// Move the most relevant bullets to the top of one role.
        case reorderBullets = "reorder_bullets"
        /// Add a sentence to the summary naming supported requirements in the resume's words.
        case summarySentence = "summary_sentence"
    }

    /// Stable within one plan: "reorder-skills-32", "reorder-bullets-14", "summary-7".
    public var id: String
    public var kind: Kind
    public var title: String
    public var rationale: String
    /// 1-based first line replaced in the original resume.
    public var startLine: Int
    /// The replaced lines, exactly as in the original.
    public var oldText: String
    /// The replacement lines.
    public var newText: String
    /// The whole resume with this edit applied.
    public var newResume: String
    /// Unified diff from the original resume to `newResume`.
    public var diff: String
    /// Unsupported claims the edit would introduce; the planner only returns proposals where this is empty.
    public var truthFlags: [TruthFlag]
    public var scoreBefore: Int
    public var scoreAfter: Int

    enum CodingKeys: String, CodingKey {
        case id, kind, title, rationale, diff
        case startLine = "start_line"
        case oldText = "old_text"
        case newText = "new_text"
        case newResume = "new_resume"
        case truthFlags = "truth_flags"
        case scoreBefore = "score_before"
        case scoreAfter = "score_after"
    }
}

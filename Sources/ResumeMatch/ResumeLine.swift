import ResumeKit

/// One line of the resume as the matcher sees it: where it is, which section holds it, what it says.
public struct ResumeLine: Sendable, Equatable {
    /// How a line is laid out; bullets and role headers matter to the rewrite planner.
    public enum Role: String, Sendable, Equatable {
        case blank, heading, roleHeader, bullet, text
    }

    /// 1-based line number in the resume text.
    public let number: Int
    /// The line exactly as written.
    public let text: String
    /// The heading of the section holding this line ("Experience"), or "" before any heading.
    public let section: String
    /// What the section holds, as ResumeKit recognised it; nil above the first section (name
    /// and contact lines).
    public let sectionKind: ResumeSection.Kind?
    public let role: Role

    /// The line without its bullet marker or Markdown emphasis, for quoting and rewriting.
    var content: String { ResumeText.stripMarkup(text) }
}

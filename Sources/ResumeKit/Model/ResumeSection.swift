/// One titled section of a resume. The title is kept as the author wrote it ("Berufserfahrung",
/// "Work History"); ``kind`` says what it means.
public struct ResumeSection: Codable, Sendable, Equatable {
    /// What a section holds, independent of its title's language or wording.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case summary, experience, education, skills, other
    }

    /// The section's typed content.
    public enum Content: Sendable, Equatable {
        /// Free prose; paragraphs separated by a blank line.
        case summary(String)
        case experience([ExperienceEntry])
        case education([EducationEntry])
        case skills([SkillGroup])
        /// Anything else (projects, languages, certifications…), kept line by line.
        /// List items are stored with a leading `"- "`.
        case lines([String])
    }

    public var title: String
    public var content: Content

    public init(title: String, content: Content) {
        self.title = title
        self.content = content
    }

    public var kind: Kind {
        switch content {
        case .summary: .summary
        case .experience: .experience
        case .education: .education
        case .skills: .skills
        case .lines: .other
        }
    }

    /// True when the section holds nothing worth rendering.
    public var isEmpty: Bool {
        switch content {
        case .summary(let text): text.isEmpty
        case .experience(let entries): entries.isEmpty
        case .education(let entries): entries.isEmpty
        case .skills(let groups): groups.allSatisfy { $0.items.isEmpty }
        case .lines(let lines): lines.isEmpty
        }
    }
}

// Encoded flat, `{"kind": "experience", "title": …, "entries": […]}`, so the JSON other
// processes and the web UI read does not carry Swift's `_0` enum-payload keys.
extension ResumeSection {
    private enum CodingKeys: String, CodingKey {
        case kind, title, text, entries, groups, lines
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .summary: content = .summary(try container.decode(String.self, forKey: .text))
        case .experience: content = .experience(try container.decode([ExperienceEntry].self, forKey: .entries))
        case .education: content = .education(try container.decode([EducationEntry].self, forKey: .entries))
        case .skills: content = .skills(try container.decode([SkillGroup].self, forKey: .groups))
        case .other: content = .lines(try container.decode([String].self, forKey: .lines))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        switch content {
        case .summary(let text): try container.encode(text, forKey: .text)
        case .experience(let entries): try container.encode(entries, forKey: .entries)
        case .education(let entries): try container.encode(entries, forKey: .entries)
        case .skills(let groups): try container.encode(groups, forKey: .groups)
        case .lines(let lines): try container.encode(lines, forKey: .lines)
        }
    }
}

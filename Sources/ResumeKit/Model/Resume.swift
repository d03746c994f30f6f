/// A resume as structured data: who the person is, how to reach them, and their sections
/// in the order the author chose.
///
/// `Resume` is the one shape every importer produces and every consumer (matching, rewriting,
/// rendering) reads. Its canonical text form is ``markdown``; ``ResumeParser/parse(markdown:)``
/// reads that back, and `parse(render(x)) == x` holds for resumes produced by the parser.
public struct Resume: Codable, Sendable, Equatable {
    /// The person's name, as written.
    public var name: String
    /// A one-line professional headline under the name ("Registered Nurse"), if any.
    public var headline: String?
    /// Contact items in order: city, email, phone, profile links.
    public var contact: [String]
    /// Sections in document order, including the summary section when there is one.
    public var sections: [ResumeSection]

    public init(name: String, headline: String? = nil, contact: [String] = [], sections: [ResumeSection] = []) {
        self.name = name
        self.headline = headline
        self.contact = contact
        self.sections = sections
    }

    /// Contact items joined the way the canonical form writes them.
    public var contactLine: String {
        contact.joined(separator: Resume.contactSeparator)
    }

    /// The text of the first summary section, or `nil`. Setting it replaces that text, or
    /// inserts a "Summary" section first when there is none.
    public var summary: String? {
        get {
            for section in sections {
                if case .summary(let text) = section.content { return text }
            }
            return nil
        }
        set {
            if let index = sections.firstIndex(where: { $0.kind == .summary }) {
                if let newValue { sections[index].content = .summary(newValue) } else { sections.remove(at: index) }
            } else if let newValue {
                sections.insert(ResumeSection(title: "Summary", content: .summary(newValue)), at: 0)
            }
        }
    }

    /// All experience entries of all experience sections, in order.
    public var experience: [ExperienceEntry] {
        sections.flatMap { section -> [ExperienceEntry] in
            if case .experience(let entries) = section.content { return entries }
            return []
        }
    }

    /// All education entries of all education sections, in order.
    public var education: [EducationEntry] {
        sections.flatMap { section -> [EducationEntry] in
            if case .education(let entries) = section.content { return entries }
            return []
        }
    }

    /// All skills of all skills sections, flattened, in order.
    public var skills: [String] {
        sections.flatMap { section -> [String] in
            if case .skills(let groups) = section.content { return groups.flatMap(\.items) }
            return []
        }
    }

    static let contactSeparator = " · "
}

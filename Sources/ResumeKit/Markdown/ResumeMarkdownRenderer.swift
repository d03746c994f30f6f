/// Writes the canonical `resume.md`.
///
/// The layout is fixed so that ``ResumeParser/parse(markdown:)`` reads it back unchanged:
///
/// ```markdown
/// # Name
///
/// **Headline**
///
/// City · email · phone · profile
///
/// ## Experience
///
/// ### Title — Employer
/// *Location | Dates*
///
/// Description.
///
/// - Bullet
/// ```
///
/// Education entries use the same `### Degree — Institution` shape; skills are one line per
/// group (`**Label:** a, b`); other sections are written line by line.
extension Resume {
    /// The canonical Markdown form of this resume.
    public var markdown: String {
        var blocks: [String] = ["# " + name]
        if let headline, !headline.isEmpty { blocks.append("**" + headline + "**") }
        if !contact.isEmpty { blocks.append(contactLine) }
        for section in sections where !section.isEmpty {
            blocks.append("## " + section.title)
            blocks += Self.blocks(for: section.content)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func blocks(for content: ResumeSection.Content) -> [String] {
        switch content {
        case .summary(let text):
            return [text]
        case .experience(let entries):
            return entries.flatMap { entry in
                entryBlocks(
                    heading: entry.title, organization: entry.employer, location: entry.location,
                    dates: entry.dates, description: entry.description, items: entry.bullets
                )
            }
        case .education(let entries):
            return entries.flatMap { entry in
                entryBlocks(
                    heading: entry.degree, organization: entry.institution, location: entry.location,
                    dates: entry.dates, description: nil, items: entry.details
                )
            }
        case .skills(let groups):
            return groups.map { group in
                let items = group.items.joined(separator: ", ")
                guard let name = group.name else { return items }
                return "**" + name + ":** " + items
            }
        case .lines(let lines):
            return paragraphs(lines)
        }
    }

    private static func entryBlocks(
        heading: String, organization: String?, location: String?, dates: DateRange?,
        description: String?, items: [String]
    ) -> [String] {
        var head = "### " + ([heading] + [organization].compactMap { $0 }).joined(separator: " — ")
        let meta = [location, dates?.text].compactMap { $0 }.filter { !$0.isEmpty }
        if !meta.isEmpty { head += "\n*" + meta.joined(separator: " | ") + "*" }
        var blocks = [head]
        if let description, !description.isEmpty { blocks.append(description) }
        if !items.isEmpty { blocks.append(items.map { "- " + $0 }.joined(separator: "\n")) }
        return blocks
    }

    /// Consecutive list items form one list; every other line is its own paragraph.
    private static func paragraphs(_ lines: [String]) -> [String] {
        var blocks: [String] = []
        var list: [String] = []
        for line in lines {
            if line.hasPrefix("- ") {
                list.append(line)
                continue
            }
            if !list.isEmpty { blocks.append(list.joined(separator: "\n")); list = [] }
            blocks.append(line)
        }
        if !list.isEmpty { blocks.append(list.joined(separator: "\n")) }
        return blocks
    }
}

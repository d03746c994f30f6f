/// Builds a ``JobDescription`` from text: the first line usually names the role and company
/// ("Senior Engineer, Platform — Northwind (Remote, US)"); short lines ending in a colon, in
/// ALL CAPS, Markdown headings or known heading phrases open sections.
enum JobDescriptionReader {
    static func read(_ text: String) -> JobDescription {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { $0.trimmed }.filter { !$0.isEmpty }
        var description = JobDescription(text: text.trimmed, sections: [])
        var body = lines[...]
        if let first = body.first, sectionKind(of: first) == nil, first.wordCount <= 16, !first.hasSuffix(".") {
            readTitleLine(MarkdownInline.plain(first.trimmingCharacters(in: .init(charactersIn: "# "))), into: &description)
            body = body.dropFirst()
        }
        var current = JobDescription.Section(heading: nil, kind: .about, lines: [])
        for line in body {
            if let labelled = labelledField(line) {
                apply(labelled, to: &description)
                continue
            }
            if let kind = sectionKind(of: line) {
                if !current.lines.isEmpty || current.heading != nil { description.sections.append(current) }
                current = .init(heading: headingText(line), kind: kind, lines: [])
                continue
            }
            let item = BulletGlyphs.strip(line) ?? MarkdownLineReader.listItem(line) ?? line
            current.lines.append(MarkdownInline.plain(item))
        }
        if !current.lines.isEmpty || current.heading != nil { description.sections.append(current) }
        return description
    }

    /// "Title, Team — Company (Location)", "Title at Company", "Company: Title".
    private static func readTitleLine(_ line: String, into description: inout JobDescription) {
        var working = line
        if let open = working.lastIndex(of: "("), working.hasSuffix(")") {
            description.location = String(working[working.index(after: open)..<working.index(before: working.endIndex)]).trimmed
            working = String(working[..<open]).trimmed
        }
        let parts = EntryHeader.split(working)
        description.title = parts.first
        if parts.count >= 2 { description.company = parts[1] }
        if parts.count >= 3, description.location == nil { description.location = parts[2] }
    }

    private static func labelledField(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = String(line[..<colon]).folded.trimmed
        let value = line[line.index(after: colon)...].trimmed
        guard !value.isEmpty, ["company", "employer", "job title", "position", "role", "location", "title"].contains(label) else {
            return nil
        }
        return (label, value)
    }

    private static func apply(_ field: (String, String), to description: inout JobDescription) {
        switch field.0 {
        case "company", "employer": description.company = field.1
        case "location": description.location = field.1
        default: description.title = field.1
        }
    }

    private static func headingText(_ line: String) -> String {
        MarkdownInline.plain(line.trimmingCharacters(in: .init(charactersIn: "#: ")))
    }

    /// The kind of section a heading line opens, or `nil` when the line is not a heading.
    static func sectionKind(of line: String) -> JobDescription.SectionKind? {
        let isMarkdownHeading = line.hasPrefix("#")
        let text = headingText(line)
        guard text.wordCount <= 8, !text.isEmpty, BulletGlyphs.strip(line) == nil, !text.hasSuffix(".") else { return nil }
        let folded = text.folded
        for (kind, phrases) in phrases where phrases.contains(where: { folded.contains($0) }) {
            return kind
        }
        if isMarkdownHeading || line.hasSuffix(":") || (text.isAllCaps && text.wordCount <= 5) { return .other }
        return nil
    }

    private static let phrases: [(JobDescription.SectionKind, [String])] = [
        (.niceToHave, ["nice to have", "nice-to-have", "bonus", "preferred", "plus", "wunschenswert", "deseable", "valorable", "apprecie"]),
        (.requirements, ["requirement", "must have", "must-have", "qualifications", "what you bring", "what we're looking for",
                         "what we are looking for", "who you are", "skills", "experience", "profile", "anforderungen", "profil",
                         "requisitos", "exigences", "your background", "you have"]),
        (.responsibilities, ["responsibilit", "what you will do", "what you'll do", "the role", "duties", "your role",
                             "day to day", "aufgaben", "funciones", "responsabilidades", "missions", "you will"]),
        (.benefits, ["benefit", "perks", "we offer", "what we offer", "compensation", "salary", "wir bieten", "ofrecemos", "avantages"]),
        (.about, ["about", "who we are", "uber uns", "sobre nosotros", "a propos", "company", "overview"]),
    ]
}

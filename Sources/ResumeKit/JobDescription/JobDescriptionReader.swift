/// Builds a ``JobDescription`` from the parts ``JobPostingReader`` finds: the first header line
/// names the role and company ("Senior Engineer, Platform — Northwind (Remote, US)"); labelled
/// metadata fills in company, title and location; every other part becomes a section.
enum JobDescriptionReader {
    static func read(_ text: String) -> JobDescription {
        var description = JobDescription(text: text.trimmed, sections: [])
        var current: JobDescription.Section?
        var sawTitle = false
        func flush() {
            if let section = current, !section.lines.isEmpty || section.heading != nil { description.sections.append(section) }
            current = nil
        }
        for line in JobPostingReader.lines(text) where !line.content.isEmpty || line.isHeading {
            if line.part == .header {
                if !sawTitle { readTitleLine(line.content, into: &description) }
                sawTitle = true
                continue
            }
            if line.part == .metadata, let field = labelledField(MarkdownInline.plain(line.text.trimmed)) {
                apply(field, to: &description)
                continue
            }
            if line.isHeading {
                flush()
                current = .init(heading: headingText(line.content), kind: line.part, lines: [])
                continue
            }
            if current?.kind != line.part {
                flush()
                current = .init(heading: nil, kind: line.part, lines: [])
            }
            current?.lines.append(line.content)
        }
        flush()
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
}

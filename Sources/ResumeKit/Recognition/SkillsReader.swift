/// Reads a skills section: labelled groups ("Languages: Go, Python") and plain lists, whether
/// comma-separated on a line or one per bullet.
enum SkillsReader {
    static func groups(_ lines: [SourceLine]) -> [SkillGroup] {
        var groups: [SkillGroup] = []
        var previousEndedWithSeparator = false
        for line in lines {
            let text = line.text
            defer { previousEndedWithSeparator = text.hasSuffix(",") || text.hasSuffix(";") }
            if let (label, rest) = labelled(text) {
                groups.append(SkillGroup(name: label, items: items(rest)))
            } else if let last = groups.indices.last, groups[last].name == nil || previousEndedWithSeparator {
                groups[last].items += items(text)
            } else {
                groups.append(SkillGroup(items: items(text)))
            }
        }
        return groups.filter { !$0.items.isEmpty }
    }

    /// "Languages: Go, Python" → ("Languages", "Go, Python"). The label is short and the colon
    /// comes early, so "Note: something long: with colons" is not read as a label.
    private static func labelled(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let label = String(text[..<colon]).trimmed
        let rest = String(text[text.index(after: colon)...]).trimmed
        guard !label.isEmpty, !rest.isEmpty, label.wordCount <= 4, label.count <= 40, !label.contains(",") else {
            return nil
        }
        return (label, rest)
    }

    static func items(_ text: String) -> [String] {
        splitOutsideParentheses(text, on: [",", ";", "·", "•", "|", "▪", "◦", "\t"])
            .map { item in
                var item = item.trimmed
                if item.hasSuffix("."), !item.dropLast().contains(".") { item.removeLast() }
                return item
            }
            .filter { !$0.isEmpty }
    }
}

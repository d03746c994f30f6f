/// Cuts the lines of an experience or education section into entries: header lines, then
/// prose, then list items, until the next header.
struct RawEntry {
    var header: [SourceLine] = []
    var description: [String] = []
    var items: [String] = []

    var hasBody: Bool { !description.isEmpty || !items.isEmpty }
}

enum EntryGrouper {
    static func experienceEntries(_ lines: [SourceLine]) -> [RawEntry] {
        var entries: [RawEntry] = []
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            switch line.role {
            case .heading, .title:
                entries.append(RawEntry(header: [line]))
            case .listItem:
                if entries.isEmpty { entries.append(RawEntry()) }
                entries[entries.count - 1].items.append(line.text)
            case .text:
                guard var current = entries.popLast() else {
                    entries.append(RawEntry(header: [line]))
                    continue
                }
                if current.hasBody {
                    if startsNewEntry(line, next: next) {
                        entries.append(current)
                        entries.append(RawEntry(header: [line]))
                        continue
                    }
                    appendProse(line.text, to: &current)
                } else if current.header.count < 3 && isHeaderLine(line) {
                    current.header.append(line)
                } else {
                    current.description.append(line.text)
                }
                entries.append(current)
            }
        }
        return entries
    }

    static func educationEntries(_ lines: [SourceLine]) -> [RawEntry] {
        var entries: [RawEntry] = []
        for line in lines {
            switch line.role {
            case .heading, .title:
                entries.append(RawEntry(header: [line]))
            case .listItem:
                if entries.isEmpty { entries.append(RawEntry()) }
                entries[entries.count - 1].items.append(line.text)
            case .text:
                if var current = entries.popLast() {
                    if !current.hasBody && complementsHeader(current.header, with: line) {
                        current.header.append(line)
                        entries.append(current)
                        continue
                    }
                    entries.append(current)
                }
                entries.append(RawEntry(header: [line]))
            }
        }
        return entries
    }

    /// After an entry's body, a short line with a date, a separator or bold type, or one
    /// followed by a dates line, is the next entry's header; anything else continues the prose.
    private static func startsNewEntry(_ line: SourceLine, next: SourceLine?) -> Bool {
        let text = line.text
        if let first = text.first, first.isLowercase { return false }
        if text.wordCount > 14 || text.hasSuffix(".") { return false }
        if DateRangeParser.find(in: text) != nil || line.isBold { return true }
        if let next, next.role != .listItem, DateRangeParser.find(in: next.text) != nil, next.text.wordCount <= 12 { return true }
        return EntryHeader.split(text).count >= 2 || text.wordCount <= 6
    }

    private static func isHeaderLine(_ line: SourceLine) -> Bool {
        line.isItalic || DateRangeParser.find(in: line.text) != nil
            || (line.text.wordCount <= 12 && !line.text.hasSuffix("."))
    }

    /// A degree line followed by its school, or a school followed by its dates.
    private static func complementsHeader(_ header: [SourceLine], with line: SourceLine) -> Bool {
        guard header.count < 3, line.text.wordCount <= 14 else { return false }
        if line.isItalic { return true }
        let dateOnly = DateRangeParser.find(in: line.text)?.remainder.isEmpty ?? false
        let headerHasDates = header.contains { DateRangeParser.find(in: $0.text) != nil }
        if dateOnly { return !headerHasDates }
        let headerParts = header.flatMap { EntryHeader.split(DateRangeParser.find(in: $0.text)?.remainder ?? $0.text) }
        guard headerParts.count == 1, let only = headerParts.first else { return false }
        // "B.S. Computer Science" then "Oregon State University, 2018": one names the degree, the other the school.
        let lineText = DateRangeParser.find(in: line.text)?.remainder ?? line.text
        return RoleVocabulary.looksLikeInstitution(lineText) != RoleVocabulary.looksLikeInstitution(only)
            || RoleVocabulary.looksLikeDegree(lineText) != RoleVocabulary.looksLikeDegree(only)
    }

    /// Prose after list items continues the last item when it starts in lowercase (a wrapped
    /// line in plain text); otherwise it is description.
    private static func appendProse(_ text: String, to entry: inout RawEntry) {
        if let first = text.first, first.isLowercase, let last = entry.items.indices.last {
            entry.items[last] += " " + text
        } else {
            entry.description.append(text)
        }
    }
}

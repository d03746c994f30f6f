/// Cuts the lines of an experience or education section into entries: header lines, then
/// prose, then list items, until the next header.
struct RawEntry {
    var header: [SourceLine] = []
    var description: [String] = []
    var items: [String] = []

    var hasBody: Bool { !description.isEmpty || !items.isEmpty }
}

enum EntryGrouper {
    /// A parse of header lines, to tell whether a header is complete.
    typealias HeaderParse = ([SourceLine]) -> EntryHeader

    static func experienceEntries(_ lines: [SourceLine], parse: HeaderParse) -> (entries: [RawEntry], groupLabels: [String]) {
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
                    if startsNewEntry(line, next: next, header: current.header) {
                        entries.append(current)
                        entries.append(RawEntry(header: [line]))
                        continue
                    }
                    appendProse(line.text, to: &current)
                } else if !current.header.isEmpty, parse(current.header).isComplete {
                    if startsAnotherHeader(line, after: current.header) {
                        entries.append(current)
                        entries.append(RawEntry(header: [line]))
                        continue
                    }
                    current.description.append(line.text)
                } else if current.header.count < 3 && isHeaderLine(line) {
                    current.header.append(line)
                } else {
                    current.description.append(line.text)
                }
                entries.append(current)
            }
        }
        return splitGroupLabels(entries, parse: parse)
    }

    static func educationEntries(_ lines: [SourceLine], parse: HeaderParse) -> (entries: [RawEntry], groupLabels: [String]) {
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
                    if !current.header.isEmpty, !current.hasBody, parse(current.header).isComplete,
                       !startsAnotherHeader(line, after: current.header) {
                        current.description.append(line.text)
                        entries.append(current)
                        continue
                    }
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
        return splitGroupLabels(entries, parse: parse)
    }

    /// A sub-heading over entries that already name their title and organisation ("Vocational"
    /// above "Job title, Employer, City.") groups them and is not part of the first one. Over
    /// entries without an organisation it is their organisation (one employer, several roles)
    /// and stays.
    private static func splitGroupLabels(_ entries: [RawEntry], parse: HeaderParse) -> ([RawEntry], [String]) {
        var output: [RawEntry] = []
        var labels: [String] = []
        for entry in entries {
            guard entry.header.count >= 2, entry.header[0].isSubheading else {
                output.append(entry)
                continue
            }
            let rest = parse(Array(entry.header.dropFirst()))
            guard rest.isComplete else {
                output.append(entry)
                continue
            }
            labels.append(entry.header[0].text)
            var trimmed = entry
            trimmed.header.removeFirst()
            output.append(trimmed)
        }
        return (output, labels)
    }

    /// After a complete header, a line with dates or cells of its own, or set like the header's
    /// first line, opens the next entry; anything else is the entry's prose.
    private static func startsAnotherHeader(_ line: SourceLine, after header: [SourceLine]) -> Bool {
        if DateCell.lineHasDates(line.text) || line.text.contains("\t") { return true }
        guard let first = header.first, first.role == .text else { return false }
        let sameSize = abs((line.relativeSize ?? 1) - (first.relativeSize ?? 1)) < 0.04
        return sameSize && line.isBold == first.isBold && line.isItalic == first.isItalic && line.isBold
    }

    /// After an entry's body, a short line with a date, a separator or bold type, or one
    /// followed by a dates line, is the next entry's header; anything else continues the prose.
    private static func startsNewEntry(_ line: SourceLine, next: SourceLine?, header: [SourceLine]) -> Bool {
        let text = line.text
        if text.contains("\t") && DateCell.lineHasDates(text) { return true }
        if let first = text.first, first.isLowercase { return false }
        if text.wordCount > 14 || text.hasSuffix(".") || text.hasSuffix(":") { return false }
        // Set smaller than the entry's header: the entry's own prose ("Description line 2").
        if let size = line.relativeSize, let headerSize = header.first(where: { $0.role == .text })?.relativeSize, size < headerSize * 0.97 {
            return false
        }
        if DateCell.lineHasDates(text) || line.isBold { return true }
        if let next, next.role != .listItem, DateCell.lineHasDates(next.text), next.text.wordCount <= 12 { return true }
        return EntryHeader.split(text).count >= 2 || text.wordCount <= 6
    }

    private static func isHeaderLine(_ line: SourceLine) -> Bool {
        line.isItalic || DateCell.lineHasDates(line.text)
            || (line.text.wordCount <= 12 && !line.text.hasSuffix(".") && !line.text.hasSuffix(":"))
    }

    /// A degree line followed by its school, or a school followed by its dates.
    private static func complementsHeader(_ header: [SourceLine], with line: SourceLine) -> Bool {
        guard header.count < 3 else { return false }
        // "Master of Science ⇥ Aug 2012 – Dec 2013" under "Georgia Tech ⇥ Atlanta, GA".
        if line.text.contains("\t"), DateCell.lineHasDates(line.text), !header.contains(where: { DateCell.lineHasDates($0.text) }) {
            return true
        }
        guard line.text.wordCount <= 14 else { return false }
        if line.isItalic { return true }
        let cells = line.text.components(separatedBy: "\t")
        let dateOnly = cells.allSatisfy { DateCell.dates(in: $0) != nil } || (DateRangeParser.find(in: line.text)?.remainder.isEmpty ?? false)
        let headerHasDates = header.contains { DateCell.lineHasDates($0.text) }
        if dateOnly { return !headerHasDates }
        let headerParts = header.flatMap { EntryHeader.split(DateRangeParser.find(in: $0.text)?.remainder ?? $0.text) }
        guard headerParts.count == 1, let only = headerParts.first else { return false }
        // "B.S. Computer Science" then "Oregon State University, 2018": one names the degree, the other the school.
        let lineText = DateRangeParser.find(in: line.text)?.remainder ?? line.text
        return RoleVocabulary.looksLikeInstitution(lineText) != RoleVocabulary.looksLikeInstitution(only)
            || RoleVocabulary.looksLikeDegree(lineText) != RoleVocabulary.looksLikeDegree(only)
            || (line.isBold && !header.contains(where: \.isBold))
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

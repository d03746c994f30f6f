/// The header of an experience or education entry, read from its one to three header lines.
///
/// Header lines look like `Senior Engineer — Parcelwise, Seattle, WA` then `March 2021 – Present`,
/// or `Parcelwise | Seattle, WA | 2021 – Present` under a title line, or the canonical
/// `### Title — Employer` then `*Location | Dates*`, or, from a laid-out PDF, cells separated by
/// tabs: `year–year⇥Job title, Employer, City.`, `Google⇥Mountain View, CA`. Dates are found
/// wherever they are; a cell set apart that is not a date is a place; the rest splits on the
/// separators people use between title, organisation and place.
struct EntryHeader: Equatable {
    var primary: String
    var organization: String?
    var location: String?
    var dates: DateRange?
    /// The first part named an organisation by layout (its line carries the place while
    /// another line carries the dates), so vocabulary should not swap it.
    var organizationFromLayout = false

    /// - Parameters:
    ///   - lines: the header lines, in order.
    ///   - looksSwapped: decides which of the first two parts is the organisation when the order
    ///     is unusual: returns true when `(first, second)` looks swapped.
    static func parse(_ lines: [SourceLine], looksSwapped: (String, String) -> Bool) -> EntryHeader {
        var named: [(text: String, line: Int)] = []
        var meta: [String] = []
        var places: [String] = []
        var dates: DateRange?
        var datesLine: Int?
        var placeLine: Int?
        for (index, line) in lines.enumerated() {
            var cells = line.text.components(separatedBy: "\t").map(\.trimmed).filter { !$0.isEmpty }
            // A cell that is only dates (right-aligned, in the margin) is the dates.
            if dates == nil, let cellIndex = cells.firstIndex(where: { DateCell.dates(in: $0) != nil }) {
                dates = DateCell.dates(in: cells[cellIndex])
                datesLine = index
                cells.remove(at: cellIndex)
            }
            guard let main = cells.first else { continue }
            // Further cells set apart on the line are places ("Mountain View, CA").
            for cell in cells.dropFirst() {
                if dates == nil, let match = DateRangeParser.find(in: cell) {
                    dates = match.range
                    datesLine = index
                    if !match.remainder.isEmpty { places.append(match.remainder) }
                } else {
                    places.append(cell)
                    placeLine = index
                }
            }
            var text = main
            if dates == nil, let match = DateRangeParser.find(in: text) {
                dates = match.range
                datesLine = index
                text = match.remainder
            }
            // Italic lines under a header carry place and dates (canonical `*Seattle, WA | 2021 – Present*`).
            let parts = split(text)
            if line.isItalic && index > 0 && !line.text.contains("\t") {
                meta += parts
            } else {
                named += parts.map { ($0, index) }
            }
        }
        // One line naming everything, "Job title, Employer, City.": commas separate the parts.
        if named.count == 1, let only = named.first, only.text.contains(",") {
            let parts = splitOutsideParentheses(only.text.trimmingCharacters(in: .init(charactersIn: ".")), on: [","])
            if parts.count >= 3 || (parts.count == 2 && !RoleVocabulary.isCorporateSuffix(parts[1])) {
                named = parts.map { ($0, only.line) }
            }
        }
        var header = EntryHeader(primary: named.first?.text ?? "", organization: nil, location: nil, dates: dates)
        if named.count >= 2 { header.organization = named[1].text }
        var locationParts = named.dropFirst(2).map(\.text) + places
        if header.organization == nil, meta.count >= 2 {
            header.organization = meta.removeFirst()
        }
        locationParts += meta
        if !locationParts.isEmpty { header.location = locationParts.joined(separator: ", ") }
        if header.primary.isEmpty, let organization = header.organization {
            header.primary = organization
            header.organization = nil
        }
        // Layout: the line with the place names the organisation when another line has the dates.
        if named.count >= 2, let placeLine, let datesLine, placeLine != datesLine, named[0].line != named[1].line {
            if named[0].line == placeLine {
                header.organization = named[0].text
                header.primary = named[1].text
            }
            header.organizationFromLayout = true
        }
        if !header.organizationFromLayout, let organization = header.organization, looksSwapped(header.primary, organization) {
            header.organization = header.primary
            header.primary = organization
        }
        header.splitLocationFromOrganization()
        return header
    }

    /// `Parcelwise, Seattle, WA` → organisation `Parcelwise`, location `Seattle, WA`, unless the
    /// location is already known or the comma belongs to the name (`Acme, Inc.`).
    private mutating func splitLocationFromOrganization() {
        guard location == nil, let organization else { return }
        var parts = splitOutsideParentheses(organization, on: [","])
        guard parts.count >= 2 else { return }
        var name = parts.removeFirst()
        while let next = parts.first, RoleVocabulary.isCorporateSuffix(next) {
            name += ", " + next
            parts.removeFirst()
        }
        guard !parts.isEmpty else { return }
        self.organization = name
        self.location = parts.joined(separator: ", ")
    }

    /// True when the header names something, dates it, and says where: more lines are prose.
    var isComplete: Bool {
        !primary.isEmpty && organization != nil && dates != nil
    }

    /// Splits on the separators between header parts: em/en dashes, bars, tabs, " at ", " @ ",
    /// a spaced hyphen, bullets and middots.
    static func split(_ text: String) -> [String] {
        var working = text.replacingOccurrences(of: "\t", with: " | ")
        for separator in [" — ", " – ", " | ", " · ", " • ", " @ ", " - ", " ― "] {
            working = working.replacingOccurrences(of: separator, with: " | ")
        }
        // " at " only splits "Engineer at Google", not "University of Texas at Austin".
        if let range = working.range(of: " at "), !RoleVocabulary.looksLikeInstitution(String(working[..<range.lowerBound])),
           RoleVocabulary.looksLikeJobTitle(String(working[..<range.lowerBound])) {
            working.replaceSubrange(range, with: " | ")
        }
        return working.components(separatedBy: " | ").map(\.trimmingSeparators).filter { !$0.isEmpty }
    }
}

/// Splits on `separator` except inside parentheses, so "Python (pandas, NumPy)" stays whole.
func splitOutsideParentheses(_ text: String, on separators: Set<Character>) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
        if character == "(" || character == "[" { depth += 1 }
        if character == ")" || character == "]" { depth = max(0, depth - 1) }
        if depth == 0 && separators.contains(character) {
            parts.append(current.trimmed)
            current = ""
        } else {
            current.append(character)
        }
    }
    parts.append(current.trimmed)
    return parts.filter { !$0.isEmpty }
}

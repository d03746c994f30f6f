/// The header of an experience or education entry, read from its one to three header lines.
///
/// Header lines look like `Senior Engineer — Parcelwise, Seattle, WA` then `March 2021 – Present`,
/// or `Parcelwise | Seattle, WA | 2021 – Present` under a title line, or the canonical
/// `### Title — Employer` then `*Location | Dates*`. Dates are found wherever they are; the rest
/// splits on the separators people use between title, organisation and place.
struct EntryHeader: Equatable {
    var primary: String
    var organization: String?
    var location: String?
    var dates: DateRange?

    /// - Parameters:
    ///   - lines: the header lines, in order.
    ///   - looksSwapped: decides which of the first two parts is the organisation when the order
    ///     is unusual: returns true when `(first, second)` looks swapped.
    static func parse(_ lines: [SourceLine], looksSwapped: (String, String) -> Bool) -> EntryHeader {
        var named: [String] = []
        var meta: [String] = []
        var dates: DateRange?
        for (index, line) in lines.enumerated() {
            var text = line.text
            if dates == nil, let match = DateRangeParser.find(in: text) {
                dates = match.range
                text = match.remainder
            }
            // Italic lines under a header carry place and dates (canonical `*Seattle, WA | 2021 – Present*`).
            let parts = split(text)
            if line.isItalic && index > 0 { meta += parts } else { named += parts }
        }
        var header = EntryHeader(primary: named.first ?? "", organization: nil, location: nil, dates: dates)
        if named.count >= 2 { header.organization = named[1] }
        var places = Array(named.dropFirst(2))
        if header.organization == nil, meta.count >= 2 {
            header.organization = meta.removeFirst()
        }
        places += meta
        if !places.isEmpty { header.location = places.joined(separator: ", ") }
        if header.primary.isEmpty, let organization = header.organization {
            header.primary = organization
            header.organization = nil
        }
        if let organization = header.organization, looksSwapped(header.primary, organization) {
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

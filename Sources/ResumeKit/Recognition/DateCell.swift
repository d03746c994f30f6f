/// Reads a cell of an entry header (a right-aligned field, a margin cell) as dates when it is
/// nothing else: a date or range the parser understands, or one written with placeholders or
/// words a template leaves in ("year–year", "año–año", "年 – 年", "Month 20XX – Ongoing"). A cell
/// set apart in the dates position with that shape is the entry's dates even when it cannot be
/// turned into numbers; its text is kept exactly.
enum DateCell {
    static func dates(in cell: String) -> DateRange? {
        let text = cell.trimmed
        guard !text.isEmpty, text.count <= 40 else { return nil }
        if let parsed = DateRange(parsing: text) { return parsed }
        // A place and a date together ("Toledo | 2015 - 2018") are not one date.
        guard !text.contains(where: { "|,;@:".contains($0) }) else { return nil }
        let parts = rangeParts(text)
        guard parts.count == 2 else { return nil }
        let (start, end) = (parts[0], parts[1])
        guard (1...2).contains(start.wordCount), (1...2).contains(end.wordCount) else { return nil }
        let endFolded = end.folded.trimmingCharacters(in: .punctuationCharacters)
        let ongoing = DateVocabulary.presentWords.contains(endFolded)
            || DateVocabulary.presentWords.contains(String(endFolded.split(separator: " ").last ?? ""))
        let samePlaceholder = start.folded == end.folded
        // Numbered sides are short Latin tokens ("20XX", "Q1", "03/2019"), not a phrase with a
        // figure in it ("不超过1–2行").
        let shortToken = { (side: String) in
            side.count <= 7 && side.contains(where: \.isNumber) && side.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "./' ".contains($0)) }
        }
        let numbered = shortToken(start) && (shortToken(end) || ongoing)
        guard ongoing || samePlaceholder || numbered else { return nil }
        return DateRange(text: text, start: nil, end: nil, isCurrent: ongoing)
    }

    /// The two sides of a range separated by a dash (or a doubled hyphen), else none.
    private static func rangeParts(_ text: String) -> [String] {
        var normalized = text.replacingOccurrences(of: "--", with: "–")
        for dash in ["—", "‒", "―", "~"] { normalized = normalized.replacingOccurrences(of: dash, with: "–") }
        var parts = normalized.components(separatedBy: "–")
        if parts.count == 1 {
            parts = normalized.components(separatedBy: " - ")
        }
        return parts.map(\.trimmed).filter { !$0.isEmpty }
    }

    /// Whether a header line carries dates anywhere: in its text or as a cell.
    static func lineHasDates(_ text: String) -> Bool {
        if DateRangeParser.find(in: text) != nil { return true }
        return text.split(separator: "\t").contains { dates(in: String($0)) != nil }
    }
}

import Foundation

/// Comparison helpers: resumes mix cases, accents and typographic punctuation freely.
extension String {
    /// Lowercased, accents removed (`"Expérience"` → `"experience"`), for dictionary look-ups.
    package var folded: String {
        // ASCII text has no accents or widths to fold: lower-casing is the whole job, and far
        // cheaper than Foundation's folding (every line of a resume and a posting comes here).
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        return folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Trimmed of spaces, tabs and newlines: the scalars with Unicode's White_Space property,
    /// which is the set Foundation's `.whitespacesAndNewlines` names. A plain scan: Foundation's
    /// trimming bridges through NSString and was a tenth of a gap analysis.
    package var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// Runs of whitespace collapsed to one space, trimmed.
    var collapsingWhitespace: String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{00A0}" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// Trimmed of whitespace and of separator punctuation left over after removing a part
    /// ("Parcelwise, " → "Parcelwise", "| Seattle" → "Seattle").
    package var trimmingSeparators: String {
        trimmingCharacters(in: CharacterSet(charactersIn: " \t,;|·•–—-:/").union(.whitespacesAndNewlines))
    }

    /// True when the string has capital letters and no lowercase ones ("EXPERIENCE", "WORK
    /// HISTORY"). Scripts without case (Chinese, Arabic) are never all caps.
    package var isAllCaps: Bool {
        var sawCapital = false
        for scalar in unicodeScalars where CharacterSet.letters.contains(scalar) {
            if CharacterSet.lowercaseLetters.contains(scalar) { return false }
            if CharacterSet.uppercaseLetters.contains(scalar) { sawCapital = true }
        }
        return sawCapital
    }

    package var wordCount: Int {
        split(whereSeparator: { $0 == " " || $0 == "\t" }).count
    }
}

extension Substring {
    var trimmed: String { String(self).trimmed }
}

/// The glyphs that start a list item in text extracted from PDFs and plain text.
package enum BulletGlyphs {
    /// Includes the private-use code points Word's Symbol and Wingdings fonts leave in PDFs
    /// (U+F0B7 "", U+F0A7, U+F076, U+F0D8, U+F0FC) when exported without a Unicode map.
    package static let glyphs: Set<Character> = [
        "•", "▪", "◦", "‣", "●", "○", "■", "□", "◆", "◇", "►", "▶", "▸", "➢", "➤", "→", "✓", "✔", "∙", "⁃",
        "–", "—", "-", "*", "·", "+",
        "\u{F0B7}", "\u{F0A7}", "\u{F076}", "\u{F0D8}", "\u{F0FC}", "\u{F06C}", "\u{F0A8}", "\u{F0E0}",
    ]

    /// The text after a leading bullet glyph and its space, or `nil` when the line has none.
    /// A dash counts only when followed by a space, so "-5% churn" and "–2019" are not bullets.
    static func strip(_ line: String) -> String? {
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = text.first, glyphs.contains(first) else { return nil }
        let rest = text.dropFirst()
        let needsSpace = "–—-*·+".contains(first)
        if needsSpace {
            guard let next = rest.first, next == " " || next == "\t" else { return nil }
        }
        let body = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard !body.isEmpty else { return nil }
        return String(body)
    }

    /// Numbered items ("1. ", "2) ") are list items too; returns the text after the number.
    static func stripNumber(_ line: String) -> String? {
        let text = line.drop(while: { $0 == " " })
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...2).contains(digits.count) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        let body = rest.dropFirst(2).drop(while: { $0 == " " })
        return body.isEmpty ? nil : String(body)
    }
}

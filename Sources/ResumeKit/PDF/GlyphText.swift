import Foundation

/// Text of a PDF word made comparable and readable: compatibility characters normalised (NFKC:
/// ligatures "ﬁ" → "fi", full-width forms, non-breaking spaces), soft hyphens removed, and the
/// glyphs that templates draw but that are not text (the visible-space mark "␣" some fonts
/// print for a missing bullet, icon-font code points in the private-use area) singled out.
enum GlyphText {
    static let softHyphen: Unicode.Scalar = "\u{00AD}"

    /// NFKC, with a soft hyphen kept only at the very end (it marks a hyphenated line end).
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        let all = Array(text.unicodeScalars)
        for (index, scalar) in all.enumerated() where scalar != softHyphen || index == all.count - 1 {
            scalars.append(scalar)
        }
        let cleaned = String(scalars)
        guard cleaned.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return cleaned }
        return cleaned.precomposedStringWithCompatibilityMapping
    }

    /// A private-use code point: an icon-font glyph (Font Awesome, Wingdings without a Unicode map).
    static func isPrivateUse(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xF8FF).contains(scalar.value) || (0xF0000...0x10FFFF).contains(scalar.value)
    }

    /// A word that is only a template mark: "␣", icon glyphs, or nothing but such characters.
    static func isTemplateMark(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { isPrivateUse($0) || $0 == "\u{2423}" || $0 == "\u{FFFD}" }
    }

    /// Removes template marks inside a word ("\u{F0E0}john@x.org" → "john@x.org").
    static func strippingMarks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isPrivateUse($0) || $0 == "\u{2423}" || $0 == "\u{FFFD}" }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !(isPrivateUse(scalar) || scalar == "\u{2423}" || scalar == "\u{FFFD}") {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}

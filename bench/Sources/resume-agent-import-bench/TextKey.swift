import Foundation

/// The comparison form of a piece of text: Unicode-normalised (NFKC), typographic quotes made
/// plain, whitespace collapsed, and spaces next to ideographs removed (a PDF may or may not
/// put a space between two Chinese characters; a reader sees none).
enum TextKey {
    static func of(_ text: String) -> String {
        var value = text.precomposedStringWithCompatibilityMapping
        for (from, to) in [("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\"")] {
            value = value.replacingOccurrences(of: from, with: to)
        }
        let words = value.split(whereSeparator: \.isWhitespace).map(String.init)
        var output = ""
        for word in words {
            if let last = output.last, let first = word.first, !(isIdeograph(last) || isIdeograph(first)) {
                output += " "
            }
            output += word
        }
        return output
    }

    /// Case and accents ignored too: for titles and names, whose capitals are often layout.
    static func loose(_ text: String) -> String {
        of(text).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: CharacterSet(charactersIn: " :："))
    }

    private static func isIdeograph(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            (0x3000...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFFEF).contains(scalar.value) || (0xAC00...0xD7AF).contains(scalar.value)
        }
    }
}

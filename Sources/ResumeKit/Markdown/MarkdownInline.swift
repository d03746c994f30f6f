/// Inline Markdown reduced to plain text: emphasis markers, links, code spans and escapes
/// removed, so `**B.S.** — [OSU](https://oregonstate.edu)` reads `B.S. — OSU`.
enum MarkdownInline {
    struct Result {
        var text: String
        var isBold: Bool
        var isItalic: Bool
    }

    static func read(_ source: String) -> Result {
        let trimmed = source.trimmed
        let bold = isWrapped(trimmed, in: "**") || isWrapped(trimmed, in: "__")
        let italic = !bold && (isWrapped(trimmed, in: "*") || isWrapped(trimmed, in: "_"))
        return Result(text: plain(trimmed), isBold: bold, isItalic: italic)
    }

    /// The whole line sits inside one pair of markers (`*March 2021 – Present*`).
    private static func isWrapped(_ text: String, in marker: String) -> Bool {
        guard text.count > marker.count * 2, text.hasPrefix(marker), text.hasSuffix(marker) else { return false }
        let inner = text.dropFirst(marker.count).dropLast(marker.count)
        guard let first = inner.first, let last = inner.last, !first.isWhitespace, !last.isWhitespace else { return false }
        // `*a* and *b*` is two spans, not one wrapped line.
        return !inner.contains(marker) && (marker.count == 2 || !inner.hasPrefix(marker))
    }

    static func plain(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\" where index + 1 < characters.count && characters[index + 1].isPunctuationOrSymbol:
                output.append(characters[index + 1])
                index += 2
            case "[":
                if let (label, end) = link(characters, at: index) {
                    output += plain(label)
                    index = end
                } else {
                    output.append(character)
                    index += 1
                }
            case "`":
                index += 1
            case "*", "_":
                if isEmphasisMarker(characters, at: index) {
                    index += 1
                } else {
                    output.append(character)
                    index += 1
                }
            default:
                output.append(character)
                index += 1
            }
        }
        return output.collapsingWhitespace
    }

    /// `[label](url)` starting at `start`: its label and the index after it.
    private static func link(_ characters: [Character], at start: Int) -> (String, Int)? {
        guard let close = characters[start...].firstIndex(of: "]"), close + 1 < characters.count,
              characters[close + 1] == "(", let end = characters[(close + 1)...].firstIndex(of: ")") else { return nil }
        return (String(characters[(start + 1)..<close]), end + 1)
    }

    /// A `*` or `_` that opens or closes emphasis: it touches a word on one side and space or
    /// punctuation on the other. `snake_case` and `2 * 3` keep theirs.
    private static func isEmphasisMarker(_ characters: [Character], at index: Int) -> Bool {
        let marker = characters[index]
        var runStart = index, runEnd = index
        while runStart > 0 && characters[runStart - 1] == marker { runStart -= 1 }
        while runEnd + 1 < characters.count && characters[runEnd + 1] == marker { runEnd += 1 }
        let before: Character? = runStart > 0 ? characters[runStart - 1] : nil
        let after: Character? = runEnd + 1 < characters.count ? characters[runEnd + 1] : nil
        let opens = after.map { !$0.isWhitespace } ?? false && (before.map { $0.isWhitespace || $0.isPunctuationOrSymbol } ?? true)
        let closes = before.map { !$0.isWhitespace } ?? false && (after.map { $0.isWhitespace || $0.isPunctuationOrSymbol } ?? true)
        return opens || closes
    }
}

extension Character {
    var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
}

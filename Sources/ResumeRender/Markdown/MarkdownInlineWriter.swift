/// Inline half of ``MarkdownWriter``: emphasis, links, code spans and the
/// escaping that keeps literal punctuation literal.
enum MarkdownInlineWriter {
    static func markdown(_ inlines: [Inline], breaksAsSpaces: Bool) -> String {
        var output = ""
        for inline in inlines { append(inline, breaksAsSpaces: breaksAsSpaces, to: &output) }
        return escapingLineStarts(output)
    }

    private static func append(_ inline: Inline, breaksAsSpaces: Bool, to output: inout String) {
        switch inline {
        case .text(let text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                if index > 0 { output += breaksAsSpaces ? " " : "\\\n" }
                output += escaped(String(line))
            }
        case .emphasis(let children):
            output += "*" + children.map { markdownFragment($0, breaksAsSpaces) }.joined() + "*"
        case .strong(let children):
            output += "**" + children.map { markdownFragment($0, breaksAsSpaces) }.joined() + "**"
        case .code(let text):
            output += codeSpan(text)
        case .link(let destination, let children):
            let label = children.map { markdownFragment($0, breaksAsSpaces) }.joined()
            output += "[" + label + "](" + encodedDestination(destination) + ")"
        case .lineBreak:
            output += breaksAsSpaces ? " " : "\\\n"
        }
    }

    private static func markdownFragment(_ inline: Inline, _ breaksAsSpaces: Bool) -> String {
        var output = ""
        append(inline, breaksAsSpaces: breaksAsSpaces, to: &output)
        return output
    }

    /// Backslash-escapes characters that could open markup. `_` is escaped
    /// only at a word boundary, where it could start emphasis, so addresses
    /// like `first_last@example.com` stay readable.
    static func escaped(_ text: String) -> String {
        var output = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "!":
                output += "\\" + String(character)
            case "_":
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                let intraword = before.isLetter || before.isNumber
                let beforeWord = after.isLetter || after.isNumber
                output += (intraword && beforeWord) ? "_" : "\\_"
            case "&":
                output += startsEntity(characters, at: index) ? "\\&" : "&"
            default:
                output.append(character)
            }
        }
        return output
    }

    /// `&name;` or `&#123;` would be decoded by the parser; the text meant
    /// the characters themselves.
    private static func startsEntity(_ characters: [Character], at index: Int) -> Bool {
        var cursor = index + 1
        var length = 0
        while cursor < characters.count, length <= 32 {
            let character = characters[cursor]
            if character == ";" { return length > 0 }
            guard character == "#" || (character.isASCII && (character.isLetter || character.isNumber)) else {
                return false
            }
            cursor += 1
            length += 1
        }
        return false
    }

    /// Text at the start of a line must not read as a heading, list item,
    /// quote, rule, setext underline or indented code.
    static func escapingLineStarts(_ markdown: String) -> String {
        markdown
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { escapingLineStart(String($0)) }
            .joined(separator: "\n")
    }

    private static func escapingLineStart(_ line: String) -> String {
        let trimmed = String(line.drop { $0 == " " || $0 == "\t" })
        guard let first = trimmed.first else { return trimmed }
        if "#-+=".contains(first) { return "\\" + trimmed }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = trimmed.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return digits + "\\" + rest
            }
        }
        return trimmed
    }

    private static func codeSpan(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(in: text) + 1)
        let needsPadding = text.hasPrefix("`") || text.hasSuffix("`") || (text.hasPrefix(" ") && text.hasSuffix(" ") && !text.allSatisfy { $0 == " " })
        let body = needsPadding ? " " + text + " " : text
        return fence + body.replacingNewlines() + fence
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// A destination with spaces, parentheses or angle brackets is written
    /// in `<…>` form, where only `<`, `>` and `\\` need escaping, so the parsed
    /// destination stays byte-for-byte the same.
    private static func encodedDestination(_ destination: String) -> String {
        let cleaned = String(destination.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        let needsBrackets = cleaned.isEmpty || cleaned.contains { " ()<>\\".contains($0) }
        guard needsBrackets else { return cleaned }
        var output = "<"
        for character in cleaned {
            if "<>\\".contains(character) { output += "\\" }
            output.append(character)
        }
        return output + ">"
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}

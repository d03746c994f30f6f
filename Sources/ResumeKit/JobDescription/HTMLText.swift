/// Reduces an HTML page to the text a person would read, for job descriptions fetched by URL.
///
/// Pure Swift and forgiving: unclosed tags and stray `<` never throw. Scripts, styles, navigation,
/// footers and forms are dropped with their content; headings, paragraphs and list items keep
/// their line breaks (list items as `- `); entities are decoded.
public enum HTMLText {
    /// The readable text of `html`, lines separated by `\n`, paragraphs by a blank line.
    public static func readableText(html: String) -> String {
        var output = ""
        var index = html.startIndex
        var skipUntil: String?
        while index < html.endIndex {
            let character = html[index]
            guard character == "<" else {
                if skipUntil == nil { output.append(character) }
                index = html.index(after: index)
                continue
            }
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            guard let close = html[index...].firstIndex(of: ">") else {
                if skipUntil == nil { output.append(character) }
                index = html.index(after: index)
                continue
            }
            let tag = Tag(html[html.index(after: index)..<close])
            index = html.index(after: close)
            if let skipping = skipUntil {
                if tag.isClosing && tag.name == skipping { skipUntil = nil }
                continue
            }
            if !tag.isClosing && !tag.isSelfClosing && skippedElements.contains(tag.name) {
                skipUntil = tag.name
                continue
            }
            output += separator(for: tag)
        }
        return tidy(HTMLEntities.decode(output))
    }

    private struct Tag {
        var name: String
        var isClosing: Bool
        var isSelfClosing: Bool

        init(_ raw: Substring) {
            isClosing = raw.hasPrefix("/")
            isSelfClosing = raw.hasSuffix("/")
            name = raw.drop(while: { $0 == "/" || $0 == "!" })
                .prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
        }
    }

    /// Elements whose whole content is not part of the readable text.
    private static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "footer", "head", "iframe", "form",
        "button", "select", "canvas", "object",
    ]

    private static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "main", "ul", "ol", "table",
        "blockquote", "pre", "dl", "hr",
    ]

    private static let lineElements: Set<String> = ["br", "div", "tr", "dt", "dd", "li", "aside", "figcaption", "address"]

    private static func separator(for tag: Tag) -> String {
        if tag.name == "li" { return tag.isClosing ? "\n" : "\n- " }
        if tag.name == "td" || tag.name == "th" { return tag.isClosing ? " \t " : "" }
        if paragraphElements.contains(tag.name) { return "\n\n" }
        if lineElements.contains(tag.name) { return "\n" }
        return ""
    }

    /// Whitespace collapsed inside lines, empty list markers dropped, at most one blank line.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.replacingOccurrences(of: "\t", with: " ").collapsingWhitespace
            if line.isEmpty || line == "-" {
                // A blank line between two list items is markup spacing, not a paragraph break.
                if let last = lines.last, !last.isEmpty { lines.append("") }
                continue
            }
            if line.hasPrefix("- "), lines.last == "", lines.count >= 2, lines[lines.count - 2].hasPrefix("- ") {
                lines.removeLast()
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

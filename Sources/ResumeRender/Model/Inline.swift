/// A run of inline content inside a heading, paragraph or list item.
///
/// The model is deliberately small: it keeps what a resume needs (emphasis,
/// links, code) and turns everything else into text, so every renderer can
/// handle every case and nothing the author wrote is silently dropped.
enum Inline: Sendable, Equatable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    case link(destination: String, content: [Inline])
    /// A hard line break (two trailing spaces or a backslash in Markdown).
    case lineBreak
}

extension Array where Element == Inline {
    /// The visible text with markup removed; hard breaks become newlines.
    var plainText: String {
        var result = ""
        for inline in self { inline.appendPlainText(to: &result) }
        return result
    }
}

extension Inline {
    fileprivate func appendPlainText(to result: inout String) {
        switch self {
        case .text(let text), .code(let text):
            result += text
        case .emphasis(let children), .strong(let children), .link(_, let children):
            for child in children { child.appendPlainText(to: &result) }
        case .lineBreak:
            result += "\n"
        }
    }
}

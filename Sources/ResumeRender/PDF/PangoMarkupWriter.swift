/// Inline content to Pango markup. Every text run is escaped; the markup
/// itself only uses tags Pango has supported for years.
enum PangoMarkupWriter {
    static func markup(_ inlines: [Inline], theme: PDFTheme) -> String {
        var output = ""
        for inline in inlines { append(inline, theme: theme, to: &output) }
        return output
    }

    /// Plain text as markup (code blocks, raw text).
    static func markup(text: String) -> String {
        TextEscaping.pangoMarkup(text)
    }

    private static func append(_ inline: Inline, theme: PDFTheme, to output: inout String) {
        switch inline {
        case .text(let text):
            output += TextEscaping.pangoMarkup(text)
        case .emphasis(let children):
            output += "<i>" + markup(children, theme: theme) + "</i>"
        case .strong(let children):
            output += "<b>" + markup(children, theme: theme) + "</b>"
        case .code(let text):
            let family = TextEscaping.pangoMarkup(theme.monospaceFamily)
            output += "<span font_family=\"\(family)\">" + TextEscaping.pangoMarkup(text) + "</span>"
        case .link(_, let children):
            // Text only: a link annotation needs glyph positions per range,
            // and the visible text already carries the address in resumes.
            output += "<span foreground=\"\(theme.accentColor.hex)\">" + markup(children, theme: theme) + "</span>"
        case .lineBreak:
            output += "\n"
        }
    }
}

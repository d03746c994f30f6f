/// Writes the block model as semantic, self-contained HTML.
///
/// Everything is escaped; links are limited by ``LinkPolicy``; nothing refers
/// to an external resource (no images, fonts, scripts or stylesheets), and a
/// Content-Security-Policy forbids loading any.
enum HTMLWriter {
    /// A complete HTML document with inline CSS.
    static func document(_ document: ResumeDocument, title: String, pageSize: PageSize, marginPoints: Double) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
        <meta name="generator" content="Resume Agent">
        <title>\(TextEscaping.html(title))</title>
        <style>
        \(HTMLStylesheet.css(pageSize: pageSize, marginPoints: marginPoints))
        </style>
        </head>
        <body>
        <main class="resume">

        """
        html += body(document)
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The resume's blocks as HTML elements, top-level roles as classes.
    static func body(_ document: ResumeDocument) -> String {
        var html = ""
        let roles = BlockRole.roles(for: document.blocks)
        for (block, role) in zip(document.blocks, roles) {
            append(block, role: role, to: &html)
        }
        return html
    }

    private static func append(_ block: Block, role: BlockRole, to html: inout String) {
        switch block {
        case .heading(let level, let content):
            html += "<h\(level)>\(inlineHTML(content))</h\(level)>\n"
        case .paragraph(let content):
            html += "<p\(classAttribute(for: role))>\(inlineHTML(content))</p>\n"
        case .list(let list):
            appendList(list, to: &html)
        case .code(let text):
            html += "<pre><code>\(TextEscaping.html(text))</code></pre>\n"
        case .quote(let blocks):
            html += "<blockquote>\n"
            for child in blocks { append(child, role: .body, to: &html) }
            html += "</blockquote>\n"
        case .rule:
            html += "<hr>\n"
        }
    }

    private static func appendList(_ list: ListBlock, to html: inout String) {
        let open = list.ordered ? (list.start == 1 ? "<ol>" : "<ol start=\"\(list.start)\">") : "<ul>"
        html += open + "\n"
        for item in list.items {
            html += "<li>"
            appendItem(item, to: &html)
            html += "</li>\n"
        }
        html += list.ordered ? "</ol>\n" : "</ul>\n"
    }

    /// A single-paragraph item is written inline (`<li>text</li>`), as in a
    /// tight Markdown list; anything richer keeps its block structure.
    private static func appendItem(_ item: ListItem, to html: inout String) {
        if item.blocks.count == 1, case .paragraph(let content) = item.blocks[0] {
            html += inlineHTML(content)
            return
        }
        for (index, block) in item.blocks.enumerated() {
            if index == 0, case .paragraph(let content) = block {
                html += inlineHTML(content) + "\n"
            } else {
                append(block, role: .body, to: &html)
            }
        }
    }

    private static func classAttribute(for role: BlockRole) -> String {
        switch role {
        case .contact: " class=\"contact\""
        case .entryMeta: " class=\"meta\""
        default: ""
        }
    }

    static func inlineHTML(_ inlines: [Inline]) -> String {
        var html = ""
        for inline in inlines { append(inline, to: &html) }
        return html
    }

    private static func append(_ inline: Inline, to html: inout String) {
        switch inline {
        case .text(let text):
            html += TextEscaping.html(text)
        case .emphasis(let children):
            html += "<em>\(inlineHTML(children))</em>"
        case .strong(let children):
            html += "<strong>\(inlineHTML(children))</strong>"
        case .code(let text):
            html += "<code>\(TextEscaping.html(text))</code>"
        case .link(let destination, let children):
            guard let safe = LinkPolicy.safeDestination(destination) else {
                html += inlineHTML(children)
                return
            }
            html += "<a href=\"\(TextEscaping.html(safe))\" rel=\"noopener noreferrer nofollow\">\(inlineHTML(children))</a>"
        case .lineBreak:
            html += "<br>\n"
        }
    }
}

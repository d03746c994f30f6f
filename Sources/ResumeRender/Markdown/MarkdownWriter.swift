/// Writes the block model back as normalised CommonMark: ATX headings, `-`
/// bullets, `*emphasis*`, `**strong**`, one blank line between blocks.
///
/// Text is escaped so that parsing the output gives the same block model
/// (punctuation that would start markup is backslash-escaped).
enum MarkdownWriter {
    static func markdown(_ document: ResumeDocument) -> String {
        let rendered = document.blocks.map(blockMarkdown)
        return rendered.isEmpty ? "" : rendered.joined(separator: "\n\n") + "\n"
    }

    private static func blockMarkdown(_ block: Block) -> String {
        switch block {
        case .heading(let level, let content):
            // A heading is one line: hard breaks inside it become spaces.
            let text = MarkdownInlineWriter.markdown(content, breaksAsSpaces: true)
            return String(repeating: "#", count: level) + (text.isEmpty ? "" : " " + text)
        case .paragraph(let content):
            return MarkdownInlineWriter.markdown(content, breaksAsSpaces: false)
        case .list(let list):
            return listMarkdown(list)
        case .code(let text):
            return fencedCode(text)
        case .quote(let blocks):
            let inner = blocks.map(blockMarkdown).joined(separator: "\n\n")
            return prefixLines(inner, first: "> ", rest: "> ")
        case .rule:
            return "---"
        }
    }

    private static func listMarkdown(_ list: ListBlock) -> String {
        var lines: [String] = []
        for (index, item) in list.items.enumerated() {
            let marker = list.ordered ? "\(list.start + index). " : "- "
            let body = item.blocks.map(blockMarkdown).joined(separator: "\n\n")
            let indent = String(repeating: " ", count: marker.count)
            lines.append(prefixLines(body.isEmpty ? "" : body, first: marker, rest: indent))
        }
        return lines.joined(separator: "\n")
    }

    /// Fence longer than any backtick run inside, so the content cannot close it.
    private static func fencedCode(_ text: String) -> String {
        let fence = String(repeating: "`", count: max(3, MarkdownInlineWriter.longestBacktickRun(in: text) + 1))
        return fence + "\n" + text + "\n" + fence
    }

    /// Prefixes the first line with `first` and the others with `rest`; blank
    /// lines get the prefix trimmed so no trailing spaces are written.
    private static func prefixLines(_ text: String, first: String, rest: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var result: [String] = []
        for (index, line) in lines.enumerated() {
            let prefix = index == 0 ? first : rest
            result.append(line.isEmpty ? prefix.trimmingTrailingSpaces() : prefix + line)
        }
        return result.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// Reads Markdown into ``SourceLine``s: ATX and setext headings, list items with their
/// continuation lines, paragraphs joined across hard wraps.
///
/// Above the first section heading every line stays its own line, because hand-written
/// resumes put name, contact and location on consecutive lines without blank lines between.
package enum MarkdownLineReader {
    package static func lines(_ markdown: String) -> [SourceLine] {
        var reader = State()
        let raw = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < raw.count {
            let line = String(raw[index])
            if index + 1 < raw.count, let level = setextLevel(String(raw[index + 1])), !line.trimmed.isEmpty,
               reader.paragraph.isEmpty, listItem(line) == nil {
                reader.heading(line, level: level)
                index += 2
                continue
            }
            reader.consume(line)
            index += 1
        }
        reader.flush()
        return reader.output
    }

    private struct State {
        var output: [SourceLine] = []
        var paragraph: [String] = []
        var paragraphRole: SourceLine.Role = .text
        var sawHeading = false
        var inComment = false
        var inFence = false

        mutating func consume(_ line: String) {
            let trimmed = line.trimmed
            if inComment {
                if trimmed.contains("-->") { inComment = false }
                return
            }
            if trimmed.hasPrefix("<!--") {
                if !trimmed.contains("-->") { inComment = true }
                return
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                return
            }
            if inFence {
                output.append(SourceLine(trimmed))
                return
            }
            if trimmed.isEmpty || isRule(trimmed) || isTableDivider(trimmed) {
                flush()
                return
            }
            if let (level, text) = atxHeading(trimmed) {
                heading(text, level: level)
                return
            }
            if let item = listItem(line) {
                flush()
                paragraph = [item]
                paragraphRole = .listItem
                return
            }
            var text = trimmed
            if text.hasPrefix(">") { text = String(text.drop(while: { $0 == ">" || $0 == " " })) }
            if text.hasPrefix("|") { text = text.trimmingCharacters(in: .init(charactersIn: "| ")).replacingOccurrences(of: "|", with: " | ") }
            let standsAlone = !sawHeading || isWrappedEmphasis(text) || (paragraph.last.map(isWrappedEmphasis) ?? false)
            if standsAlone || endsWithHardBreak(paragraph.last) { flush() }
            if paragraph.isEmpty { paragraphRole = .text }
            paragraph.append(text)
        }

        mutating func heading(_ text: String, level: Int) {
            flush()
            let role: SourceLine.Role = !sawHeading && output.isEmpty && level == 1 ? .title : .heading(level)
            if role != .title { sawHeading = true }
            let inline = MarkdownInline.read(text.trimmed)
            output.append(SourceLine(inline.text, role: role))
        }

        mutating func flush() {
            guard !paragraph.isEmpty else { return }
            let joined = paragraph.map { $0.hasSuffix("\\") ? String($0.dropLast()) : $0 }.joined(separator: " ")
            let inline = MarkdownInline.read(joined)
            output.append(SourceLine(inline.text, role: paragraphRole, isBold: inline.isBold, isItalic: inline.isItalic))
            paragraph = []
            paragraphRole = .text
        }

        private func endsWithHardBreak(_ line: String?) -> Bool {
            guard let line else { return false }
            return line.hasSuffix("\\") || line.hasSuffix("  ")
        }

        private func isWrappedEmphasis(_ text: String) -> Bool {
            let result = MarkdownInline.read(text)
            return result.isBold || result.isItalic
        }
    }

    private static func atxHeading(_ trimmed: String) -> (Int, String)? {
        let hashes = trimmed.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        let text = rest.trimmed.trimmingCharacters(in: .init(charactersIn: "# "))
        return text.isEmpty ? nil : (hashes, text)
    }

    private static func setextLevel(_ line: String) -> Int? {
        let trimmed = line.trimmed
        guard trimmed.count >= 3 else { return nil }
        if trimmed.allSatisfy({ $0 == "=" }) { return 1 }
        if trimmed.allSatisfy({ $0 == "-" }) { return 2 }
        return nil
    }

    /// The text of a list item (`- `, `* `, `+ `, `1. `, `1) `), or `nil`.
    static func listItem(_ line: String) -> String? {
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        if let marker = text.first, "-*+".contains(marker), text.dropFirst().first == " " {
            let body = text.dropFirst(2).trimmed
            return body.isEmpty ? nil : body
        }
        return BulletGlyphs.stripNumber(String(text))
    }

    private static func isRule(_ trimmed: String) -> Bool {
        let compact = trimmed.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    private static func isTableDivider(_ trimmed: String) -> Bool {
        trimmed.hasPrefix("|") && trimmed.allSatisfy { "|-: ".contains($0) }
    }
}


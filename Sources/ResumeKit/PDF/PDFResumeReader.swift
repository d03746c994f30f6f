import Foundation

/// PDF → ``SourceLine``s: poppler's characters and boxes, laid out into reading order,
/// wrapped lines joined, sizes made relative to the body text.
enum PDFResumeReader {
    static func lines(from data: Data) throws(ResumeImportError) -> [SourceLine] {
        let pages = try PDFTextExtractor.pages(from: data)
        let hasText = pages.contains { page in page.text.contains { !$0.isWhitespace } }
        guard hasText else { throw .noTextLayer }
        var layoutLines: [LayoutLine] = []
        var fallback: [SourceLine] = []
        for page in pages {
            if page.boxesMatchText {
                layoutLines += LineReflow.paragraphs(PageLayout.lines(page.words)).filter { !isPageFurniture($0.text) }
            } else {
                fallback += PlainTextLineReader.lines(page.text)
            }
        }
        return sourceLines(layoutLines) + fallback
    }

    static func sourceLines(_ lines: [LayoutLine]) -> [SourceLine] {
        let body = bodySize(lines)
        var output: [SourceLine] = []
        for (index, line) in lines.enumerated() {
            let relative = body > 0 ? line.fontSize / body : 1
            // The name is the first line, set larger than everything else.
            let role: SourceLine.Role = index == 0 && relative >= 1.3 ? .title : .text
            let text = normalizeLigatures(line.text)
            output.append(SourceLine(text, role: role, isBold: line.isBold, isItalic: line.isItalic, relativeSize: relative))
        }
        return output
    }

    /// The most common font size, weighted by text length: the body text.
    private static func bodySize(_ lines: [LayoutLine]) -> Double {
        var weights: [Double: Int] = [:]
        for line in lines { weights[(line.fontSize * 2).rounded() / 2, default: 0] += line.text.count }
        return weights.max { $0.value < $1.value }?.key ?? 0
    }

    /// Page numbers ("2", "Page 2 of 3", "- 2 -") are not resume content.
    private static func isPageFurniture(_ text: String) -> Bool {
        let folded = text.folded.trimmingCharacters(in: .init(charactersIn: " -–—|"))
        if folded.allSatisfy({ $0.isNumber || $0 == "/" }) { return true }
        let words = folded.split(separator: " ")
        return ["page", "pagina", "seite", "página"].contains(String(words.first ?? "")) && words.count <= 4
            && folded.contains(where: \.isNumber)
    }

    /// Typographic ligatures (U+FB00…FB06) spelled out, so "ﬁnance" matches "finance".
    static func normalizeLigatures(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFB00...0xFB06).contains($0.value) }) else { return text }
        let map: [UInt32: String] = [0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"]
        var output = ""
        for scalar in text.unicodeScalars {
            if let replacement = map[scalar.value] { output += replacement } else { output.unicodeScalars.append(scalar) }
        }
        return output
    }
}

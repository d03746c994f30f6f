/// Joins the lines a PDF wrapped back into the paragraphs and list items they were written as.
///
/// A line was wrapped, rather than ended, when the first word of the next line would not have
/// fitted after it: `line.x1 + space + nextFirstWord > right edge of the column`. The next line
/// must also look like a continuation: same font, no bullet, no cells of its own, aligned with
/// the text above (or its bullet's text), close below it. A word broken at the line end is
/// joined back (see ``Hyphenation``).
struct LineReflow {
    var hyphenation: Hyphenation
    /// The right edge of full-width text over the whole document: a page holding only short
    /// lines (a list of publications) must not take its longest line for the margin.
    var fullWidthEdge: Double?

    init(hyphenation: Hyphenation, fullWidthEdge: Double? = nil) {
        self.hyphenation = hyphenation
        self.fullWidthEdge = fullWidthEdge
    }

    /// The right edge of full-width lines (column 0) over all `pages`.
    static func fullWidthEdge(_ pages: [[LayoutLine]]) -> Double? {
        pages.joined().filter { $0.column == 0 && $0.trailing.isEmpty && $0.text.wordCount >= 3 }.map(\.x1).max()
    }

    func paragraphs(_ lines: [LayoutLine]) -> [LayoutLine] {
        // The right edge of each column: where its longest lines of running text end (a line
        // with cells of its own, a label, does not count).
        var rightEdge: [Int: Double] = [:]
        for line in lines where line.trailing.isEmpty && line.text.wordCount >= 3 {
            rightEdge[line.column] = max(rightEdge[line.column] ?? 0, line.x1)
        }
        if let fullWidthEdge { rightEdge[0] = max(rightEdge[0] ?? 0, fullWidthEdge) }
        var output: [LayoutLine] = []
        var lastInColumn: [Int: Int] = [:]
        for line in lines {
            var line = line
            line.columnRight = rightEdge[line.column] ?? line.x1
            if let index = lastInColumn[line.column], index == output.count - 1,
               Self.continues(output[index], with: line, rightEdge: line.columnRight) {
                output[index] = merge(output[index], line)
                continue
            }
            output.append(line)
            lastInColumn[line.column] = output.count - 1
        }
        return output
    }

    static func continues(_ above: LayoutLine, with below: LayoutLine, rightEdge: Double) -> Bool {
        guard !below.startsWithBullet, above.trailing.isEmpty, below.trailing.isEmpty, below.leading == nil,
              above.page == below.page, !above.isSidebarItem else { return false }
        // Contact details stacked in a narrow column are items, not a wrapped sentence.
        if HeaderBlock.looksLikeContact(above.text) || HeaderBlock.looksLikeContact(below.text) { return false }
        guard abs(above.fontSize - below.fontSize) < 0.6, above.isBold == below.isBold || below.isBold == false && above.startsWithBullet,
              above.isItalic == below.isItalic || above.startsWithBullet else { return false }
        // Measured from the last physical line of `above`, which may already hold merged lines.
        let gap = below.y0 - above.y1
        guard gap > -above.fontSize * 0.6, gap < above.fontSize * 0.8 else { return false }
        guard abs(below.x0 - above.textX0) < 3 || abs(below.x0 - above.x0) < 3 else { return false }
        if above.text.hasSuffix(String(GlyphText.softHyphen)) { return true }
        let space = above.fontSize * 0.3
        return above.x1 + space + below.firstWordWidth > rightEdge - 1
    }

    private func merge(_ above: LayoutLine, _ below: LayoutLine) -> LayoutLine {
        var merged = above
        merged.text = hyphenation.join(above.text, below.text)
        merged.x1 = below.x1
        merged.y1 = below.y1
        merged.words += below.words
        return merged
    }
}

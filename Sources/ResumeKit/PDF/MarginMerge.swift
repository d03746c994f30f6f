/// Puts the cells of a margin column back with the rows they belong to.
///
/// A margin cell on the same baseline as a main line is that line's leading cell (a date, a
/// label), or, when set larger than the line, a heading of its own placed just before it
/// (templates that put section titles in the margin). A margin cell alone on its row is placed
/// where it stands vertically. A block of three or more margin lines that do not nearly all line
/// up with the main text is a sidebar (contact details beside the header) and is read on its own,
/// before the main column.
enum MarginMerge {
    static func merge(margin: [Row], main: [LayoutLine], sidebarColumn: Int) -> (lines: [LayoutLine], hasSidebar: Bool) {
        let marginLines = margin.compactMap { row in row.fragments.isEmpty ? nil : LineBuilder.line(row.fragments, column: 0) }
        var sidebar: [LayoutLine] = []
        var placed: [LayoutLine] = []
        for block in blocks(marginLines) {
            let anchored = block.filter { line in main.contains { sameRow($0, line) } }.count
            if block.count >= 3 && Double(anchored) < Double(block.count) * 0.7 {
                sidebar += block.map { line in
                    var copy = line
                    copy.column = sidebarColumn
                    copy.isSidebarItem = true
                    return copy
                }
            } else {
                placed += block
            }
        }
        var output = main
        for line in placed {
            if let index = output.firstIndex(where: { sameRow($0, line) }), output[index].leading == nil,
               line.fontSize < output[index].fontSize * 1.08, !line.startsWithBullet {
                output[index].leading = line.tabbedText
                output[index].x0 = min(output[index].x0, line.x0)
                continue
            }
            var standalone = line
            standalone.column = output.first?.column ?? 0
            let position = output.firstIndex(where: { $0.y0 >= line.y0 - 1 || overlaps($0, line) }) ?? output.count
            output.insert(standalone, at: position)
        }
        return (sidebar + output, !sidebar.isEmpty)
    }

    /// Consecutive margin lines no further apart than a line's height.
    private static func blocks(_ lines: [LayoutLine]) -> [[LayoutLine]] {
        var blocks: [[LayoutLine]] = []
        for line in lines {
            if let last = blocks.last?.last, line.y0 - last.y1 <= max(last.height, line.height) * 0.9 {
                blocks[blocks.count - 1].append(line)
            } else {
                blocks.append([line])
            }
        }
        return blocks
    }

    /// Set on the same baseline: a label and its row. Two columns that merely overlap in height
    /// (a sidebar beside the main text) are a point or more apart.
    static func sameBaseline(_ a: LayoutLine, _ b: LayoutLine) -> Bool {
        abs(a.y1 - b.y1) <= max(1.0, 0.1 * min(a.fontSize, b.fontSize))
    }

    /// On the same baseline, or (type of different scripts has different boxes) nearly fully
    /// overlapping in height.
    static func sameRow(_ a: LayoutLine, _ b: LayoutLine) -> Bool {
        let overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
        return sameBaseline(a, b) || overlap >= min(a.height, b.height) * 0.85
    }

    static func overlaps(_ a: LayoutLine, _ b: LayoutLine) -> Bool {
        let overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
        return overlap >= min(a.height, b.height) * 0.5
    }
}

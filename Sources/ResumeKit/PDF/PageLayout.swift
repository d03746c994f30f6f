/// Puts the words of one PDF page into reading order: rows by baseline, fragments split at
/// wide gaps, and, when a column gutter runs down part of the page, the left column read
/// before the right one.
///
/// Poppler's own order interleaves the columns of some two-column resumes (a sidebar of skills
/// beside the experience); doing the analysis here on word boxes keeps it testable with
/// synthetic pages and independent of poppler versions.
enum PageLayout {
    static func lines(_ words: [PositionedWord]) -> [LayoutLine] {
        let rows = rows(of: words)
        guard !rows.isEmpty else { return [] }
        let gutter = bestGutter(rows)
        var output: [LayoutLine] = []
        var pendingLeft: [LayoutLine] = []
        var pendingRight: [LayoutLine] = []
        func flushColumns() {
            output += pendingLeft
            output += pendingRight
            pendingLeft = []
            pendingRight = []
        }
        for (index, row) in rows.enumerated() {
            if let gutter, gutter.rows.contains(index) {
                let left = row.filter { $0.x1 <= gutter.x }
                let right = row.filter { $0.x0 >= gutter.x }
                if let line = line(left, column: 1) { pendingLeft.append(line) }
                if let line = line(right, column: 2) { pendingRight.append(line) }
            } else {
                flushColumns()
                if let line = line(row, column: 0) { output.append(line) }
            }
        }
        flushColumns()
        return output
    }

    // MARK: - Rows and fragments

    /// A run of words on one baseline separated by ordinary spaces.
    struct Fragment {
        var words: [PositionedWord]
        var x0: Double { words.first?.x0 ?? 0 }
        var x1: Double { words.last?.x1 ?? 0 }
    }

    /// Rows of fragments, top to bottom; each row sorted left to right.
    static func rows(of words: [PositionedWord]) -> [[Fragment]] {
        let sorted = words.filter { !$0.text.isEmpty && $0.height > 0 }.sorted { ($0.centerY, $0.x0) < ($1.centerY, $1.x0) }
        var rows: [[PositionedWord]] = []
        var rowTop = 0.0, rowBottom = 0.0
        for word in sorted {
            // Same row when the word's centre falls within the row's vertical extent.
            if !rows.isEmpty, word.centerY >= rowTop, word.centerY <= rowBottom {
                rows[rows.count - 1].append(word)
            } else {
                rows.append([word])
                rowTop = word.y0
                rowBottom = word.y1
            }
        }
        return rows.map { fragments(of: $0.sorted { $0.x0 < $1.x0 }) }
    }

    private static func fragments(of row: [PositionedWord]) -> [Fragment] {
        var fragments: [Fragment] = []
        for word in row {
            if var last = fragments.popLast() {
                let previous = last.words[last.words.count - 1]
                // An ordinary space is about a third of an em; more than an em is a tab stop or a gutter.
                if word.x0 - previous.x1 <= max(previous.fontSize, word.fontSize) * 1.0 {
                    last.words.append(word)
                    fragments.append(last)
                    continue
                }
                fragments.append(last)
            }
            fragments.append(Fragment(words: [word]))
        }
        return fragments
    }

    // MARK: - Column gutter

    struct Gutter {
        var x: Double
        var rows: Set<Int>
    }

    /// The x position of a vertical gutter with text on both sides over enough rows, and the
    /// rows it applies to. A gutter that is crossed by a full-width row ends its band.
    static func bestGutter(_ rows: [[Fragment]]) -> Gutter? {
        let minX = rows.flatMap { $0 }.map(\.x0).min() ?? 0
        var candidates = Set<Int>()
        for row in rows {
            for fragment in row where fragment.x0 > minX + 24 { candidates.insert(Int(fragment.x0.rounded(.down)) - 1) }
        }
        var best: (gutter: Gutter, score: Int)?
        for candidate in candidates.sorted() {
            let x = Double(candidate)
            var rowsInBands = Set<Int>()
            var score = 0
            for band in bands(rows, x: x) where isColumnBand(rows, band: band, x: x) {
                rowsInBands.formUnion(band)
                score += band.count
            }
            if score > 0, score > (best?.score ?? 0) {
                best = (Gutter(x: x, rows: rowsInBands), score)
            }
        }
        return best?.gutter
    }

    /// Runs of consecutive rows that no fragment crosses at `x`.
    private static func bands(_ rows: [[Fragment]], x: Double) -> [[Int]] {
        var bands: [[Int]] = []
        var current: [Int] = []
        for (index, row) in rows.enumerated() {
            if row.contains(where: { $0.x0 < x && $0.x1 > x }) {
                if !current.isEmpty { bands.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { bands.append(current) }
        return bands
    }

    /// Enough text on both sides, the right side left-aligned (not a ragged column of
    /// right-aligned dates), and the two sides not paired row by row (that is a table).
    private static func isColumnBand(_ rows: [[Fragment]], band: [Int], x: Double) -> Bool {
        var leftRows = 0, rightRows = 0, bothRows = 0
        var rightStarts: [Double] = []
        for index in band {
            // Bullet glyphs and numbers hanging left of their text are not a column.
            let hasLeft = rows[index].contains { $0.x1 <= x && $0.words.map(\.text).joined().filter(\.isLetter).count >= 2 }
            // A run of right-aligned dates is part of the rows beside it, not a column of its own.
            let right = rows[index].filter { $0.x0 >= x && !isDateOnly($0) }
            if hasLeft { leftRows += 1 }
            if !right.isEmpty { rightRows += 1 }
            if hasLeft && !right.isEmpty { bothRows += 1 }
            if let first = right.first { rightStarts.append(first.x0) }
        }
        guard leftRows >= 2, rightRows >= 3, leftRows + rightRows >= 6 else { return false }
        guard let columnStart = rightStarts.min() else { return false }
        let aligned = rightStarts.filter { $0 - columnStart < 3 }.count
        guard Double(aligned) >= Double(rightStarts.count) * 0.4 else { return false }
        return Double(bothRows) <= Double(max(leftRows, rightRows)) * 0.8
    }

    private static func isDateOnly(_ fragment: Fragment) -> Bool {
        let text = fragment.words.map(\.text).joined(separator: " ")
        return DateRangeParser.find(in: text)?.remainder.isEmpty ?? false
    }

    // MARK: - Lines

    private static func line(_ fragments: [Fragment], column: Int) -> LayoutLine? {
        let words = fragments.flatMap(\.words)
        guard let first = words.first, let last = words.last else { return nil }
        var text = ""
        for (index, fragment) in fragments.enumerated() {
            if index > 0 {
                // A bullet glyph set apart from its text by a tab stop still belongs to it.
                let previous = fragments[index - 1].words
                let isGlyph = previous.count == 1 && BulletGlyphs.glyphs.contains(previous[0].text.first ?? " ") && previous[0].text.count == 1
                text += isGlyph ? " " : "\t"
            }
            text += fragment.words.map(\.text).joined(separator: " ")
        }
        let startsWithBullet = BulletGlyphs.strip(text) != nil && BulletGlyphs.glyphs.contains(first.text.first ?? " ")
        let textStart = startsWithBullet && first.text.count == 1 && words.count > 1 ? words[1] : first
        let bodyWords = words.filter { $0.text.count > 1 || $0.text.first?.isLetter == true }
        let size = (bodyWords.isEmpty ? words : bodyWords).map(\.fontSize).max() ?? first.fontSize
        return LayoutLine(
            text: text,
            x0: first.x0, y0: words.map(\.y0).min() ?? first.y0, x1: last.x1, y1: words.map(\.y1).max() ?? first.y1,
            fontSize: size,
            isBold: bodyWords.allSatisfy(\.isBold) && !bodyWords.isEmpty,
            isItalic: bodyWords.allSatisfy(\.isItalic) && !bodyWords.isEmpty,
            column: column, textX0: textStart.x0, firstWordWidth: textStart.x1 - textStart.x0,
            startsWithBullet: startsWithBullet
        )
    }
}

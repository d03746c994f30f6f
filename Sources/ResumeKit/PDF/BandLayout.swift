/// How to read a band of rows on both sides of a gutter.
enum BandLayout: Equatable {
    /// Keep the rows whole: the fragments beyond the gutter are cells of their row (a table, a
    /// column of right-aligned dates or comments).
    case rows
    /// Two independent streams: read all of the left, then all of the right (a sidebar).
    case columns
    /// A narrow left margin whose cells belong to the rows beside them (dates, labels, headings
    /// set in the margin), possibly holding a sidebar block of its own.
    case margin

    static func classify(_ rows: [Row], x: Double) -> BandLayout {
        let left = rows.map { $0.left(of: x) }
        let right = rows.map { $0.right(of: x) }
        let leftFragments = left.flatMap(\.fragments), rightFragments = right.flatMap(\.fragments)
        guard let leftStart = leftFragments.map(\.x0).min(), let rightEnd = rightFragments.map(\.x1).max() else { return .rows }
        let regionWidth = max(rightEnd - leftStart, 1)
        let leftWidth = (leftFragments.map(\.x1).max() ?? x) - leftStart
        let rightWidth = rightEnd - (rightFragments.map(\.x0).min() ?? x)
        var both = 0, any = 0
        for (l, r) in zip(left, right) {
            let hasLeft = !l.fragments.isEmpty, hasRight = !r.fragments.isEmpty
            if hasLeft || hasRight { any += 1 }
            if hasLeft && hasRight { both += 1 }
        }
        let bullets = left.contains(where: startsWithBullet) || right.contains(where: startsWithBullet)
        // Short cells at the right of rows that (nearly) all have text on the left: fields of
        // those rows (a stray page number below them does not change that).
        let rightRows = zip(left, right).filter { !$0.1.fragments.isEmpty }
        // A field shares its row's baseline; a sidebar beside running text does not.
        let fieldRows = rightRows.filter { l, r in
            guard let last = l.words.last, let first = r.words.first else { return false }
            return r.fragments.allSatisfy { $0.words.count <= 6 } && abs(last.y1 - first.y1) <= max(1.0, 0.1 * min(last.fontSize, first.fontSize))
        }
        let strays = rightRows.count - fieldRows.count
        let rightAreFields = rightWidth <= regionWidth * 0.3 && !fieldRows.isEmpty && (strays <= 1 || Double(strays) <= Double(rightRows.count) * 0.2)
        if rightAreFields { return .rows }
        // Rows paired on both sides are a table, unless both sides run on as prose (columns of text).
        if any > 0, Double(both) >= Double(any) * 0.8, !bullets, !isProse(rows) { return .rows }
        // (An icon before a contact item in the margin is not a list.)
        // A margin holds labels and dates; a narrow column of running text is a column.
        if leftWidth <= regionWidth * 0.3 && !left.contains(where: { startsWithBullet($0) && !startsWithIcon($0) }) && !isProse(left) {
            return .margin
        }
        return .columns
    }

    private static func startsWithIcon(_ row: Row) -> Bool {
        guard let first = row.fragments.first?.words.first else { return false }
        return GlyphText.isTemplateMark(first.text)
    }

    private static func startsWithBullet(_ row: Row) -> Bool {
        guard let first = row.fragments.first?.words.first else { return false }
        return LineBuilder.isBulletGlyph(first.text)
    }

    /// Most rows hold sentences rather than labels: reading such columns in the wrong order
    /// scrambles text, so the order is worth a warning.
    static func isProse(_ rows: [Row]) -> Bool {
        let fragments = rows.flatMap(\.fragments)
        let long = fragments.filter { $0.words.count >= 3 }.count
        return rows.count >= 5 && fragments.count >= 6 && Double(long) >= Double(fragments.count) * 0.6
    }
}

/// A vertical strip of white space that separates two streams of text over some rows.
///
/// Candidates are the left edges of fragments; a candidate holds over a band of consecutive rows
/// that no fragment crosses. A band counts when both sides have text and the right side starts
/// at a common left edge (a ragged right side is right-aligned dates, not a column). The gutter
/// that separates the most rows wins.
struct ColumnGutter {
    var x: Double
    /// Row indexes of the bands the gutter holds over, each band consecutive.
    var bands: [[Int]]

    static func best(_ rows: [Row]) -> ColumnGutter? {
        let starts = rows.map(\.columnStarts)
        guard let minX = starts.compactMap(\.first).min() else { return nil }
        // A column needs two or more rows starting at its edge: lone starts are not candidates.
        var startCounts: [Int: Int] = [:]
        for x in starts.joined() where x > minX + 24 { startCounts[Int(x.rounded(.down)), default: 0] += 1 }
        var candidates = Set<Int>()
        for (x, count) in startCounts {
            let nearby = count + (startCounts[x + 1] ?? 0) + (startCounts[x + 2] ?? 0)
            if nearby >= 2 { candidates.insert(x - 1) }
        }
        var best: (gutter: ColumnGutter, score: Int)?
        for candidate in candidates.sorted() {
            let x = Double(candidate)
            var valid: [[Int]] = []
            var score = 0
            for band in bands(rows, x: x).flatMap({ pieces($0, rows: rows, x: x) }) where holds(rows, band: band, x: x) {
                valid.append(band)
                score += band.count
            }
            if score > 0, score > (best?.score ?? 0) {
                best = (ColumnGutter(x: x, bands: valid), score)
            }
        }
        return best?.gutter
    }

    /// A band cut down to the rows from the first whose right side starts at the gutter to the
    /// last with text right of it: a column of three comments further right does not claim the
    /// rows above and below it, nor does another table's column that starts further right.
    private static func pieces(_ band: [Int], rows: [Row], x: Double) -> [[Int]] {
        let hasRight = band.filter { index in rows[index].words.contains { $0.x0 >= x } }
        let atGutter = hasRight.filter { index in (rows[index].words.first { $0.x0 >= x }?.x0 ?? .infinity) - x <= 4 }
        guard let first = atGutter.first, let last = hasRight.last else { return [] }
        return [band.filter { $0 >= first && $0 <= last }]
    }

    /// Runs of consecutive rows that no fragment crosses at `x`.
    private static func bands(_ rows: [Row], x: Double) -> [[Int]] {
        var bands: [[Int]] = []
        var current: [Int] = []
        for (index, row) in rows.enumerated() {
            if row.crosses(x) {
                if !current.isEmpty { bands.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { bands.append(current) }
        return bands
    }

    private static func holds(_ rows: [Row], band: [Int], x: Double) -> Bool {
        var leftRows = 0, rightRows = 0
        var rightStarts: [Double] = [], leftEnds: [Double] = [], leftStarts: [Double] = []
        var narrowestGap = Double.infinity
        for index in band {
            let words = rows[index].words
            let left = words.filter { $0.x1 <= x }
            // Bullet glyphs and numbers hanging left of their text are not a column.
            if left.reduce(0, { $0 + $1.text.filter(\.isLetter).count }) >= 2 { leftRows += 1 }
            if let last = left.last { leftEnds.append(last.x1) }
            if let first = left.first { leftStarts.append(first.x0) }
            if let first = words.first(where: { $0.x0 >= x }) {
                rightRows += 1
                rightStarts.append(first.x0)
                if let last = left.last { narrowestGap = min(narrowestGap, (first.x0 - last.x1) / max(first.fontSize, 1)) }
            }
        }
        guard leftRows >= 1, rightRows >= 2, leftRows + rightRows >= 4 else { return false }
        guard let columnStart = rightStarts.min(), let leftEdge = leftEnds.max() else { return false }
        // The column starts at the gutter, not somewhere further right (that is another gutter).
        guard columnStart - x <= 12 else { return false }
        let aligned = rightStarts.filter { $0 - columnStart < 3 }.count
        guard aligned >= 2 && Double(aligned) >= Double(rightStarts.count) * 0.4 else { return false }
        // A real gutter is wide, or it is the edge of a right-aligned margin (dates, labels).
        // Anything narrower is the space after a sentence that happens to line up. (Cells of
        // equal width are left- and right-aligned at once: that proves nothing.)
        let rightAlignedLeft = leftEnds.filter { leftEdge - $0 < 2 }.count
        let raggedStarts = (leftStarts.max() ?? 0) - (leftStarts.min() ?? 0) >= 3
        return narrowestGap >= 0.9 || (leftEnds.count >= 2 && raggedStarts && Double(rightAlignedLeft) >= Double(leftEnds.count) * 0.7)
    }
}

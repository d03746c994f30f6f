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
        let fragments = rows.flatMap(\.fragments)
        guard let minX = fragments.map(\.x0).min() else { return nil }
        var candidates = Set<Int>()
        for fragment in fragments where fragment.x0 > minX + 24 { candidates.insert(Int(fragment.x0.rounded(.down)) - 1) }
        var best: (gutter: ColumnGutter, score: Int)?
        for candidate in candidates.sorted() {
            let x = Double(candidate)
            var valid: [[Int]] = []
            var score = 0
            for band in bands(rows, x: x) where holds(rows, band: band, x: x) {
                valid.append(band)
                score += band.count
            }
            if score > 0, score > (best?.score ?? 0) {
                best = (ColumnGutter(x: x, bands: valid), score)
            }
        }
        return best?.gutter
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
        var rightStarts: [Double] = []
        for index in band {
            // Bullet glyphs and numbers hanging left of their text are not a column.
            if rows[index].fragments.contains(where: { $0.x1 <= x && $0.letterCount >= 2 }) { leftRows += 1 }
            if let first = rows[index].right(of: x).fragments.first {
                rightRows += 1
                rightStarts.append(first.x0)
            }
        }
        guard leftRows >= 1, rightRows >= 2, leftRows + rightRows >= 4 else { return false }
        guard let columnStart = rightStarts.min() else { return false }
        let aligned = rightStarts.filter { $0 - columnStart < 3 }.count
        return aligned >= 2 && Double(aligned) >= Double(rightStarts.count) * 0.4
    }
}

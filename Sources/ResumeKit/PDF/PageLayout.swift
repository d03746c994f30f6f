/// Puts the words of one PDF page into reading order.
///
/// Rows by baseline, fragments split at wide gaps; then, where a gutter of white space runs
/// down part of the page, the band beside it is read in one of four ways (``BandLayout``):
/// independent columns (left stream, then right), a margin column whose cells belong to the
/// rows beside them (dates and labels, headings set in the margin), a sidebar block inside such
/// a margin (contact details), or plain rows whose extra fragments are cells (right-aligned
/// dates, tables). Each column is analysed again, so columns inside columns are found too.
///
/// Doing this on word boxes rather than on poppler's text order keeps it testable with synthetic
/// pages and independent of poppler versions.
enum PageLayout {
    struct Analysis {
        var lines: [LayoutLine]
        /// The most text streams read side by side anywhere on the page.
        var columns: Int
        /// Side-by-side streams whose reading order was guessed (three or more columns of prose).
        var ambiguousBands: Int
    }

    static func lines(_ words: [PositionedWord]) -> [LayoutLine] {
        analyze(words).lines
    }

    static func analyze(_ words: [PositionedWord], page: Int = 0) -> Analysis {
        var state = State()
        let rows = PageRows.build(words)
        var lines = state.layout(rows, depth: 0)
        for index in lines.indices { lines[index].page = page }
        return Analysis(lines: lines, columns: state.maximumColumns, ambiguousBands: state.ambiguousBands)
    }

    /// A left column that runs on below the right one (a sidebar longer than the main text):
    /// the rows that continue it, left of the gutter, aligned with it and no further apart than
    /// two rows.
    static func leftTail(after band: [Int], rows: [Row], x: Double, taken: [Int: Int]) -> [Int] {
        guard let last = band.last else { return [] }
        let starts = band.compactMap { rows[$0].words.first(where: { $0.x1 <= x })?.x0 }
        guard let leftStart = starts.min() else { return [] }
        let heights = band.map { rows[$0].height }.sorted()
        let pitch = heights[heights.count / 2]
        var tail: [Int] = []
        var previous = last
        var next = last + 1
        while next < rows.count, taken[next] == nil {
            let row = rows[next]
            guard row.words.allSatisfy({ $0.x1 <= x }), let first = row.words.first, first.x0 - leftStart >= -3, first.x0 - leftStart <= 24,
                  row.y0 - rows[previous].y1 <= pitch * 2 else { break }
            tail.append(next)
            previous = next
            next += 1
        }
        return tail
    }

    private struct State {
        var nextColumn = 1
        var maximumColumns = 1
        var ambiguousBands = 0

        mutating func layout(_ rows: [Row], depth: Int, column: Int = 0, streams: Int = 1) -> [LayoutLine] {
            let rows = rows.filter { !$0.fragments.isEmpty }
            guard !rows.isEmpty else { return [] }
            maximumColumns = max(maximumColumns, streams)
            guard depth < 8, let gutter = ColumnGutter.best(rows) else {
                return LineBuilder.lines(rows, column: column)
            }
            var output: [LayoutLine] = []
            var pending: [Row] = []
            // Rows outside this gutter's bands may have gutters of their own (a list in two
            // columns under a page-wide margin): each run of them is analysed again.
            func flushPending() {
                output += pending.count == rows.count ? LineBuilder.lines(pending, column: column)
                    : layout(pending, depth: depth + 1, column: column, streams: streams)
                pending = []
            }
            let bandOf = Dictionary(uniqueKeysWithValues: gutter.bands.enumerated().flatMap { band in band.element.map { ($0, band.offset) } })
            var index = 0
            while index < rows.count {
                guard let bandIndex = bandOf[index] else {
                    pending.append(rows[index])
                    index += 1
                    continue
                }
                flushPending()
                var indexes = gutter.bands[bandIndex]
                if BandLayout.classify(indexes.map { rows[$0] }, x: gutter.x) != .rows {
                    indexes += PageLayout.leftTail(after: indexes, rows: rows, x: gutter.x, taken: bandOf)
                }
                output += layoutBand(indexes.map { rows[$0] }, x: gutter.x, depth: depth, column: column, streams: streams)
                index = (indexes.last ?? index) + 1
            }
            flushPending()
            return output
        }

        private mutating func layoutBand(_ rows: [Row], x: Double, depth: Int, column: Int, streams: Int) -> [LayoutLine] {
            let left = rows.map { $0.left(of: x) }
            let right = rows.map { $0.right(of: x) }
            switch BandLayout.classify(rows, x: x) {
            case .rows:
                return LineBuilder.lines(rows, column: column)
            case .columns:
                let leftColumn = nextColumn, rightColumn = nextColumn + 1
                nextColumn += 2
                var leftLines = layout(left, depth: depth + 1, column: leftColumn, streams: streams + 1)
                var rightLines = layout(right, depth: depth + 1, column: rightColumn, streams: streams + 1)
                // Three or more streams of prose side by side: the order we read them in is a guess.
                if streams + 1 >= 3 && BandLayout.isProse(rows) {
                    ambiguousBands += 1
                    for index in leftLines.indices { leftLines[index].isInAmbiguousColumns = true }
                    for index in rightLines.indices { rightLines[index].isInAmbiguousColumns = true }
                }
                return leftLines + rightLines
            case .margin:
                let mainColumn = column == 0 ? nextColumn : column
                if column == 0 { nextColumn += 1 }
                let main = layout(right, depth: depth + 1, column: mainColumn, streams: streams)
                let sidebarColumn = nextColumn
                nextColumn += 1
                let merged = MarginMerge.merge(margin: left, main: main, sidebarColumn: sidebarColumn)
                if merged.hasSidebar { maximumColumns = max(maximumColumns, streams + 1) }
                return merged.lines
            }
        }
    }
}

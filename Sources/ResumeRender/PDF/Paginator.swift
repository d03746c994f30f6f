/// Assigns every line of every item to a page. Pure arithmetic over measured
/// heights, so the rules are tested without cairo.
///
/// Rules:
/// - a line is never split across pages (a line that does not fit moves);
/// - items of three lines or fewer are never split; longer ones keep at least
///   two lines on each side of a break (no orphans or widows);
/// - an item marked `keepWithNext` stays on the page of the first lines of the
///   item after it (a chain of them moves together);
/// - space before an item is dropped at the top of a page.
struct Paginator {
    /// What the paginator needs to know about one item.
    struct Item: Sendable, Equatable {
        var spaceBefore: Double
        var lineHeights: [Double]
        var paddingBelow: Double
        var keepWithNext: Bool
    }

    /// Where one line goes: `y` is the top of the line, measured from the top
    /// of the page's content box.
    struct Placement: Sendable, Equatable {
        var item: Int
        var line: Int
        var page: Int
        var y: Double
    }

    /// Height of the content box of a page.
    let pageHeight: Double

    func paginate(_ items: [Item]) -> [Placement] {
        var state = State()
        for index in items.indices {
            place(item: index, of: items, state: &state)
        }
        return state.placements
    }

    /// Number of pages used by `placements` (at least one: an empty resume is
    /// still one blank page).
    static func pageCount(_ placements: [Placement]) -> Int {
        (placements.map(\.page).max() ?? 0) + 1
    }

    // MARK: Internals

    private struct State {
        var page = 0
        var y = 0.0
        var placements: [Placement] = []

        mutating func newPage() {
            page += 1
            y = 0
        }
    }

    private func place(item index: Int, of items: [Item], state: inout State) {
        let item = items[index]
        if item.keepWithNext, state.y > 0 {
            let needed = item.spaceBefore + keepGroupHeight(from: index, of: items)
            if state.y + needed > pageHeight, needed - item.spaceBefore <= pageHeight {
                state.newPage()
            }
        }
        let chunks = Self.chunks(lineCount: item.lineHeights.count)
        for (chunkIndex, chunk) in chunks.enumerated() {
            let isLast = chunkIndex == chunks.count - 1
            var height = chunk.reduce(0) { $0 + item.lineHeights[$1] }
            if isLast { height += item.paddingBelow }
            var before = (chunkIndex == 0 && state.y > 0) ? item.spaceBefore : 0
            if state.y > 0, state.y + before + height > pageHeight {
                state.newPage()
                before = 0
            }
            state.y += before
            placeLines(chunk, of: item, index: index, state: &state)
            if isLast { state.y += item.paddingBelow }
        }
    }

    /// Places lines one by one; only a chunk taller than a whole page ever
    /// breaks here, and then still between lines.
    private func placeLines(_ lines: Range<Int>, of item: Item, index: Int, state: inout State) {
        for line in lines {
            let height = item.lineHeights[line]
            if state.y > 0, state.y + height > pageHeight { state.newPage() }
            state.placements.append(Placement(item: index, line: line, page: state.page, y: state.y))
            state.y += height
        }
    }

    /// Height from the first line of `index` through the first unbreakable
    /// chunk of the first item after the chain of keep-with-next items.
    func keepGroupHeight(from index: Int, of items: [Item]) -> Double {
        var height = 0.0
        var cursor = index
        while cursor < items.count {
            let item = items[cursor]
            if cursor > index { height += item.spaceBefore }
            guard item.keepWithNext else {
                let firstChunk = Self.chunks(lineCount: item.lineHeights.count).first ?? 0..<0
                height += firstChunk.reduce(0) { $0 + item.lineHeights[$1] }
                if firstChunk.count == item.lineHeights.count { height += item.paddingBelow }
                break
            }
            height += item.lineHeights.reduce(0, +) + item.paddingBelow
            cursor += 1
        }
        return height
    }

    /// Groups of lines that must share a page.
    static func chunks(lineCount: Int) -> [Range<Int>] {
        guard lineCount > 3 else { return lineCount == 0 ? [] : [0..<lineCount] }
        var chunks: [Range<Int>] = [0..<2]
        for line in 2..<(lineCount - 2) { chunks.append(line..<(line + 1)) }
        chunks.append((lineCount - 2)..<lineCount)
        return chunks
    }
}

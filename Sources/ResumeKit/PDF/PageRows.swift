/// Words grouped into rows (one baseline each) and, inside a row, into fragments separated by
/// gaps wider than a space.
struct Fragment: Equatable {
    var words: [PositionedWord]
    var x0: Double { words.first?.x0 ?? 0 }
    var x1: Double { words.last?.x1 ?? 0 }
    var y0: Double { words.map(\.y0).min() ?? 0 }
    var y1: Double { words.map(\.y1).max() ?? 0 }
    var text: String { LineBuilder.join(words) }
    var letterCount: Int { words.reduce(0) { $0 + $1.text.filter(\.isLetter).count } }
}

struct Row: Equatable {
    let fragments: [Fragment]
    let words: [PositionedWord]
    let y0: Double
    let y1: Double

    init(fragments: [Fragment]) {
        self.fragments = fragments
        words = fragments.flatMap(\.words)
        y0 = words.map(\.y0).min() ?? 0
        y1 = words.map(\.y1).max() ?? 0
    }

    /// A row of `words` (left to right), cut into fragments at gaps wider than an em.
    init(words: [PositionedWord]) {
        self.init(fragments: PageRows.fragments(of: words))
    }

    var x0: Double { fragments.first?.x0 ?? 0 }
    var x1: Double { fragments.last?.x1 ?? 0 }
    var height: Double { y1 - y0 }

    func left(of x: Double) -> Row { Row(words: words.filter { $0.x1 <= x }) }
    func right(of x: Double) -> Row { Row(words: words.filter { $0.x0 >= x }) }

    /// Text runs across `x`: a word spans it, or two words closer than half an em straddle it.
    /// (A margin of dates is often less than an em from the text beside it.)
    func crosses(_ x: Double) -> Bool {
        guard let first = words.first, let last = words.last, first.x0 < x, last.x1 > x else { return false }
        for (index, word) in words.enumerated() {
            if word.x0 < x && word.x1 > x { return true }
            if index > 0 {
                let previous = words[index - 1]
                if previous.x1 <= x && word.x0 >= x && word.x0 - previous.x1 < max(word.fontSize, previous.fontSize) * 0.5 {
                    return true
                }
            }
        }
        return false
    }

    /// Left edges of words that could start a column: after a gap of half an em or more.
    var columnStarts: [Double] {
        let words = self.words
        return words.indices.compactMap { index in
            guard index > 0 else { return words[0].x0 }
            let gap = words[index].x0 - words[index - 1].x1
            return gap >= max(words[index].fontSize, words[index - 1].fontSize) * 0.5 ? words[index].x0 : nil
        }
    }
}

enum PageRows {
    /// Rows top to bottom; each row's fragments left to right.
    static func build(_ words: [PositionedWord]) -> [Row] {
        let sorted = words.filter { !$0.text.isEmpty && $0.height > 0 }.sorted { ($0.centerY, $0.x0) < ($1.centerY, $1.x0) }
        var rows: [[PositionedWord]] = []
        var core: (top: Double, bottom: Double) = (0, 0)
        for word in sorted {
            // Same row when the word's middle is level with the row's first word: fonts of one
            // line share a middle, while a sidebar's line beside it sits a few points off.
            let coreHeight = core.bottom - core.top, coreCenter = (core.top + core.bottom) / 2
            // A small mark (a bullet glyph) inside the line's height belongs to the line too.
            let level = abs(word.centerY - coreCenter) <= min(word.height, coreHeight) * 0.35
            let smallMarkInside = word.height < coreHeight * 0.6 && word.y0 >= core.top - 0.5 && word.y1 <= core.bottom + 0.5
            if !rows.isEmpty, level || smallMarkInside {
                rows[rows.count - 1].append(word)
            } else {
                rows.append([word])
                core = (word.y0, word.y1)
            }
        }
        return rows.map { Row(words: $0.sorted { $0.x0 < $1.x0 }) }
    }

    static func fragments(of row: [PositionedWord]) -> [Fragment] {
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
}

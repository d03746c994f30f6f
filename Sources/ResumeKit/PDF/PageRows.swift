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
    var fragments: [Fragment]
    var y0: Double { fragments.map(\.y0).min() ?? 0 }
    var y1: Double { fragments.map(\.y1).max() ?? 0 }
    var x0: Double { fragments.first?.x0 ?? 0 }
    var x1: Double { fragments.last?.x1 ?? 0 }
    var height: Double { y1 - y0 }

    func left(of x: Double) -> Row { Row(fragments: fragments.filter { $0.x1 <= x }) }
    func right(of x: Double) -> Row { Row(fragments: fragments.filter { $0.x0 >= x }) }
    func crosses(_ x: Double) -> Bool { fragments.contains { $0.x0 < x && $0.x1 > x } }
}

enum PageRows {
    /// Rows top to bottom; each row's fragments left to right.
    static func build(_ words: [PositionedWord]) -> [Row] {
        let sorted = words.filter { !$0.text.isEmpty && $0.height > 0 }.sorted { ($0.centerY, $0.x0) < ($1.centerY, $1.x0) }
        var rows: [[PositionedWord]] = []
        var core: (top: Double, bottom: Double) = (0, 0)
        for word in sorted {
            // Same row when the word overlaps the row's first word by half its height or more.
            let overlap = min(word.y1, core.bottom) - max(word.y0, core.top)
            if !rows.isEmpty, overlap >= min(word.height, core.bottom - core.top) * 0.5 {
                rows[rows.count - 1].append(word)
            } else {
                rows.append([word])
                core = (word.y0, word.y1)
            }
        }
        return rows.map { Row(fragments: fragments(of: $0.sorted { $0.x0 < $1.x0 })) }
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
}

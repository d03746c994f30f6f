/// A line of a PDF page after layout analysis, in reading order.
///
/// A line has a main text and, set apart from it by layout, cells: a `leading` cell in a margin
/// column (moderncv's dates and labels) and `trailing` cells after a wide gap (right-aligned
/// dates and places, table columns).
struct LayoutLine: Equatable {
    /// The main text, without its bullet glyph.
    var text: String
    var leading: String?
    var trailing: [String] = []
    /// The glyph that starts the line as a list item ("•", "◦", "–", "␣"…), when there is one.
    var bullet: String?
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double
    var fontSize: Double
    var isBold: Bool
    var isItalic: Bool
    /// Which stream the line belongs to: 0 for full-width text, 1… for columns in reading order.
    var column: Int
    /// Where the text starts after a leading bullet glyph; wrapped lines of a bullet align here.
    var textX0: Double
    /// Width of the line's first word, to tell whether it would have fitted on the line above.
    var firstWordWidth: Double
    /// The right edge of the column the line sits in, for telling wrapped lines from ended ones.
    var columnRight: Double = 0
    var page = 0
    /// The words of the main text, for runs of type (the name's font, a heading's weight).
    var words: [PositionedWord] = []
    /// The line came from a column layout whose reading order had to be guessed.
    var isInAmbiguousColumns = false
    /// The line is an item of a narrow sidebar block (contact details): never a wrapped sentence.
    var isSidebarItem = false

    var startsWithBullet: Bool { bullet != nil }
    var height: Double { y1 - y0 }

    /// Cells in reading order: leading, main, trailing.
    var cells: [String] { [leading].compactMap { $0 } + [text] + trailing }

    /// The line as plain text: bullet, then cells separated by tabs.
    var tabbedText: String {
        (bullet.map { $0 + " " } ?? "") + cells.joined(separator: "\t")
    }
}

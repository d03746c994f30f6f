/// A line of a PDF page after layout analysis, in reading order.
struct LayoutLine: Equatable {
    /// Words of the line; a wide gap inside the line (a right-aligned date) is a tab.
    var text: String
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double
    var fontSize: Double
    var isBold: Bool
    var isItalic: Bool
    /// Which stream the line belongs to: 0 for full-width text, 1… for columns left to right.
    var column: Int
    /// Where the text starts after a leading bullet glyph; wrapped lines of a bullet align here.
    var textX0: Double
    /// Width of the line's first word, to tell whether it would have fitted on the line above.
    var firstWordWidth: Double
    var startsWithBullet: Bool

    var height: Double { y1 - y0 }
}

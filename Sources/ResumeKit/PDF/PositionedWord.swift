/// A word on a PDF page with its box (points, origin top-left, y grows downwards) and font.
public struct PositionedWord: Sendable, Equatable {
    public var text: String
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double
    public var fontSize: Double
    public var isBold: Bool
    public var isItalic: Bool

    public init(
        _ text: String, x0: Double, y0: Double, x1: Double, y1: Double,
        fontSize: Double = 10, isBold: Bool = false, isItalic: Bool = false
    ) {
        self.text = text
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.fontSize = fontSize
        self.isBold = isBold
        self.isItalic = isItalic
    }

    var height: Double { y1 - y0 }
    var width: Double { x1 - x0 }
    var centerY: Double { (y0 + y1) / 2 }

    /// Same font size, weight and slant: words of one run of type.
    func sameStyle(as other: PositionedWord) -> Bool {
        abs(fontSize - other.fontSize) < 0.6 && isBold == other.isBold && isItalic == other.isItalic
    }
}

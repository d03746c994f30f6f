/// Dimensions of the contract's paper sizes.
extension PageSize {
    /// Width and height in PostScript points (1/72 inch).
    public var points: (width: Double, height: Double) {
        switch self {
        case .letter: (612, 792)
        case .a4: (595.276, 841.89)
        }
    }

    /// Width and height in twentieths of a point, as OOXML wants them.
    var twips: (width: Int, height: Int) {
        switch self {
        case .letter: (12240, 15840)
        case .a4: (11906, 16838)
        }
    }

    /// The CSS `@page size` keyword.
    var cssName: String {
        switch self {
        case .letter: "letter"
        case .a4: "A4"
        }
    }
}

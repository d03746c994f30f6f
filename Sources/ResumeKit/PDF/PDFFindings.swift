/// What the PDF reader noticed while laying pages out, for the import report.
struct PDFFindings: Equatable {
    struct PageColumns: Equatable {
        var page: Int
        var columns: Int
    }

    struct Unplaced: Equatable {
        var page: Int
        var text: String
    }

    var pageCount: Int
    var pagesRead: Int
    var columnsPerPage: [PageColumns] = []
    /// Pages (1-based) whose columns were read in an order that had to be guessed.
    var ambiguousPages: [Int] = []
    var ambiguousLines: [String] = []
    /// Pages (1-based) whose characters and boxes disagreed, read in poppler's order instead.
    var pagesInTextOrder: [Int] = []
    /// Pages (1-based) left out because they are a separate document (a cover letter).
    var excludedPages: [Int] = []
    var furnitureLines = 0
    var hiddenWords = 0
    var unplaced: [Unplaced] = []
}

import Foundation

/// PDF → ``SourceLine``s: poppler's words laid out into reading order (``PageLayout``), pages
/// that are not the resume left out (``SeparateDocument``), page furniture removed
/// (``PageFurniture``), wrapped lines joined (``LineReflow``), then each line given its role from
/// its type and place (``PDFLineRoles``). What was found on the way goes into ``PDFFindings``
/// for the import report.
enum PDFResumeReader {
    static func lines(from data: Data) throws(ResumeImportError) -> [SourceLine] {
        try read(data).lines
    }

    static func read(_ data: Data) throws(ResumeImportError) -> (lines: [SourceLine], findings: PDFFindings) {
        let document = try PDFTextExtractor.document(from: data)
        let pages = document.pages
        let hasText = pages.contains { page in page.text.contains { !$0.isWhitespace } }
        guard hasText else { throw .noTextLayer }
        var findings = PDFFindings(pageCount: document.pageCount, pagesRead: pages.count)
        var laidOut: [[LayoutLine]] = []
        var fallback: [SourceLine] = []
        for page in pages {
            findings.hiddenWords += page.hiddenWords
            guard page.boxesMatchText else {
                findings.pagesInTextOrder.append(page.index + 1)
                fallback += PlainTextLineReader.lines(page.text)
                laidOut.append([])
                continue
            }
            let analysis = PageLayout.analyze(page.words, page: page.index)
            findings.columnsPerPage.append(PDFFindings.PageColumns(page: page.index + 1, columns: analysis.columns))
            if analysis.ambiguousBands > 0 { findings.ambiguousPages.append(page.index + 1) }
            laidOut.append(analysis.lines)
        }
        let body = PDFLineRoles.bodySize(laidOut.flatMap { $0 })
        if let foreign = SeparateDocument.firstForeignPage(laidOut, headingStyle: { $0 >= body * 1.1 }) {
            findings.excludedPages = Array((foreign + 1)...laidOut.count)
            laidOut = Array(laidOut[..<foreign])
        }
        let furniture = PageFurniture.separate(laidOut, heights: pages.prefix(laidOut.count).map(\.height))
        findings.furnitureLines = furniture.dropped.count
        let hyphenation = Hyphenation(documentText: furniture.kept.flatMap { $0.map(\.text) })
        let reflow = LineReflow(hyphenation: hyphenation, fullWidthEdge: LineReflow.fullWidthEdge(furniture.kept))
        let reflowed = furniture.kept.map { reflow.paragraphs($0) }
        findings.ambiguousLines = reflowed.flatMap { $0 }.filter(\.isInAmbiguousColumns).map(\.text)
        let lines = PDFLineRoles.sourceLines(pages: reflowed, contactLines: furniture.contactLines, findings: &findings)
        return (lines + fallback, findings)
    }
}

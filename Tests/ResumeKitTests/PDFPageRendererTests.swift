import Foundation
import Testing
@testable import ResumeKit

@Suite("Rendering PDF pages to PNG for the import review")
struct PDFPageRendererTests {
    /// Width and height from a PNG's IHDR chunk.
    private func size(_ png: Data) throws -> (Int, Int) {
        let bytes = [UInt8](png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try #require(bytes.count > 24)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }

    @Test func rendersAPageAtTheAskedWidth() throws {
        let pdf = try Fixtures.data("resumes/alex-chen.pdf")
        #expect(try PDFPageRenderer.pageCount(of: pdf) >= 1)
        let (width, height) = try size(try PDFPageRenderer.png(from: pdf, page: 1, width: 600))
        #expect(width == 600)
        #expect(height > width)
        let (defaultWidth, _) = try size(try PDFPageRenderer.png(from: pdf, page: 1))
        #expect(defaultWidth == PDFPageRenderer.defaultWidth)
    }

    @Test func widthIsClampedAndPixelsAreBounded() throws {
        let pdf = try Fixtures.data("resumes/alex-chen.pdf")
        #expect(try size(try PDFPageRenderer.png(from: pdf, page: 1, width: 10)).0 == PDFPageRenderer.widthRange.lowerBound)
        #expect(try size(try PDFPageRenderer.png(from: pdf, page: 1, width: 100_000)).0 <= PDFPageRenderer.widthRange.upperBound)
        var tall = TestPDF(width: 200, height: 14_000)
        tall.page([TestPDF.Text(text: "A very tall page", x: 20, y: 40)])
        let (width, height) = try size(try PDFPageRenderer.png(from: tall.data, page: 1, width: 2000))
        #expect(width * height <= PDFPageRenderer.maximumPixels)
    }

    @Test func pagesOutOfRangeAndTooLongDocumentsAreRefused() throws {
        let pdf = try Fixtures.data("resumes/alex-chen.pdf")
        let count = try PDFPageRenderer.pageCount(of: pdf)
        #expect(throws: PDFPageRenderer.RenderError.noSuchPage(page: 0, pageCount: count)) { try PDFPageRenderer.png(from: pdf, page: 0) }
        #expect(throws: PDFPageRenderer.RenderError.noSuchPage(page: count + 1, pageCount: count)) {
            try PDFPageRenderer.png(from: pdf, page: count + 1)
        }
        var long = TestPDF()
        for page in 1...21 { long.page([TestPDF.Text(text: "Page \(page)", x: 50, y: 100)]) }
        #expect(throws: PDFPageRenderer.RenderError.unreadable(.tooManyPages(count: 21, limit: 20))) {
            try PDFPageRenderer.png(from: long.data, page: 1)
        }
        #expect(throws: PDFPageRenderer.RenderError.self) { try PDFPageRenderer.png(from: Data("%PDF-1.4 garbage".utf8), page: 1) }
    }
}

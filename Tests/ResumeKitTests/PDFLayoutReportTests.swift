import Foundation
import Testing
@testable import ResumeKit

@Suite("PDF layout analysis and the import report on generated pages")
struct PDFLayoutReportTests {
    typealias Text = TestPDF.Text

    private func header() -> [Text] {
        [Text(text: "Jane Doe", x: 50, y: 60, size: 24, bold: true), Text(text: "jane@example.com | Lisbon | +351 912 345 678", x: 50, y: 85)]
    }

    private func importPDF(_ pdf: TestPDF) throws -> ImportedResume {
        try ResumeImporter.import(data: pdf.data, filename: "cv.pdf", declaredContentType: nil)
    }

    @Test func threeColumnsOfProseAreReadInOrderAndWarnedAbout() throws {
        var pdf = TestPDF()
        var texts = header() + [Text(text: "Experience", x: 50, y: 130, size: 14, bold: true)]
        let columns = [50.0, 230, 410].enumerated().map { TestPDF.prose($0.offset * 3, lines: 24, x: $0.element, y: 160, columnWidth: 150) }
        texts += columns.flatMap { $0 }
        pdf.page(texts)
        let imported = try importPDF(pdf)
        #expect(imported.report.warnings.contains { $0.code == "ambiguous_columns" })
        #expect(imported.warnings.contains { $0.code == "ambiguous_columns" })
        #expect(imported.report.columns.first?.columns == 3)
        #expect(imported.report.confidence < 0.9)
        #expect(!imported.report.unplacedBlocks.isEmpty)
        // Each column's text stays whole and in order: the first column ends before the second starts.
        let flat = imported.markdown.replacingOccurrences(of: "\n", with: " ")
        let lastOfFirst = try #require(flat.range(of: columns[0].last!.text))
        let firstOfSecond = try #require(flat.range(of: columns[1].first!.text))
        #expect(lastOfFirst.upperBound <= firstOfSecond.lowerBound)
    }

    @Test func aSidebarBesideTheMainColumnIsNotAWarning() throws {
        var pdf = TestPDF()
        var texts = header()
        let sidebar = ["Skills", "Python", "SQL", "Kubernetes", "Languages", "Portuguese", "English"]
        texts += sidebar.enumerated().map { Text(text: $0.element, x: 50, y: 130 + Double($0.offset) * 16, bold: $0.offset == 0 || $0.offset == 4) }
        texts += [Text(text: "Experience", x: 200, y: 132, size: 14, bold: true),
                  Text(text: "Data Engineer, Tap Air", x: 200, y: 152, bold: true), Text(text: "2020 – 2023", x: 500, y: 152)]
        texts += TestPDF.prose(1, lines: 5, x: 200, y: 170, columnWidth: 360)
        pdf.page(texts)
        let imported = try importPDF(pdf)
        #expect(!imported.warnings.contains { $0.code == "ambiguous_columns" })
        #expect(imported.report.columns.first?.columns == 2)
        #expect(imported.resume.skills.contains("Kubernetes"))
        let job = try #require(imported.resume.experience.first)
        #expect(job.dates?.start == YearMonth(year: 2020))
        #expect(!job.title.contains("Python"))
    }

    @Test func runningFootersAndPageNumbersAreDroppedAndContactKept() throws {
        var pdf = TestPDF()
        for page in 1...2 {
            var texts = page == 1 ? [Text(text: "Jane Doe", x: 50, y: 60, size: 24, bold: true)] : []
            texts += [Text(text: page == 1 ? "Experience" : "Projects", x: 50, y: 130, size: 14, bold: true)]
            texts += TestPDF.prose(page, lines: 6, x: 50, y: 150, columnWidth: 500)
            texts += [Text(text: "jane@example.com | +351 912 345 678", x: 50, y: 760, size: 8),
                      Text(text: "Page \(page) of 2", x: 500, y: 775, size: 8)]
            pdf.page(texts)
        }
        let imported = try importPDF(pdf)
        #expect(!imported.markdown.contains("Page 1 of 2"))
        #expect(!imported.markdown.contains("Page 2 of 2"))
        #expect(imported.resume.contact.contains("jane@example.com"))
        let sections = imported.markdown.components(separatedBy: "\n## ").dropFirst().joined()
        #expect(!sections.contains("jane@example.com"))
    }

    @Test func aCoverLetterAfterTheResumeIsLeftOutAndReported() throws {
        var pdf = TestPDF()
        pdf.page(header() + [Text(text: "Experience", x: 50, y: 130, size: 14, bold: true),
                             Text(text: "• Shipped the fares pipeline", x: 50, y: 150)])
        pdf.page([Text(text: "Dear Hiring Manager,", x: 50, y: 100)] + TestPDF.prose(4, lines: 14, x: 50, y: 125, columnWidth: 500))
        let imported = try importPDF(pdf)
        #expect(imported.report.excludedPages == [2])
        #expect(imported.warnings.contains { $0.code == "pages_excluded" })
        #expect(!imported.markdown.contains("Dear Hiring Manager"))
    }

    @Test func moreThanTwentyPagesAreRefusedWithTheContractError() throws {
        var long = TestPDF()
        for page in 1...21 { long.page([Text(text: "Page text \(page)", x: 50, y: 100)]) }
        #expect(throws: ResumeImportError.tooManyPages(count: 21, limit: 20)) { try importPDF(long) }
        let error = ResumeImportError.tooManyPages(count: 21, limit: 20)
        #expect(error.code == "too_many_pages")
        #expect(error.httpStatus == 413)
        var twenty = TestPDF()
        twenty.page(header() + [Text(text: "Experience", x: 50, y: 130, size: 14, bold: true), Text(text: "• Led the team", x: 50, y: 150)])
        for _ in 2...20 { twenty.page(TestPDF.prose(2, lines: 3, x: 50, y: 100, columnWidth: 400)) }
        #expect(throws: Never.self) { try importPDF(twenty) }
    }

    @Test func dottedLeadersAndTemplateMarksAreDropped() {
        var words = PageLayoutTests.row("Vocational.", x: 50, y: 100)
        for index in 0..<12 { words.append(PositionedWord(".", x0: 120 + Double(index) * 8, y0: 100, x1: 123 + Double(index) * 8, y1: 112)) }
        words.append(PositionedWord("\u{2423}", x0: 50, y0: 124, x1: 54, y1: 128, fontSize: 4))
        words += PageLayoutTests.row("Achievement 1;", x: 60, y: 120)
        let lines = PageLayout.lines(words)
        #expect(lines.map(\.text) == ["Vocational", "Achievement 1;"])
        #expect(lines.last?.startsWithBullet == true)
    }

    @Test func reportEncodesWithSnakeCaseKeys() throws {
        let imported = try ResumeImporter.import(data: Fixtures.data("resumes/alex-chen.pdf"), filename: "alex-chen.pdf", declaredContentType: nil)
        #expect(imported.report.confidence >= 0.8)
        #expect(!imported.report.lowConfidence)
        #expect(imported.report.sections.map(\.title) == imported.resume.sections.map(\.title))
        let json = String(decoding: try JSONEncoder().encode(imported.report), as: UTF8.self)
        for key in ["\"page_count\"", "\"excluded_pages\"", "\"unplaced_blocks\"", "\"low_confidence\"", "\"confidence\""] {
            #expect(json.contains(key))
        }
    }
}

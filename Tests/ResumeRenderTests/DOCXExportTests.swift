import Foundation
import Testing
@testable import ResumeRender

@Suite struct DOCXExportTests {
    static let requiredParts = [
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml",
    ]

    @Test(arguments: Fixtures.resumeNames)
    func fixtureRoundTripsThroughDOCX(name: String) throws {
        let markdown = try Fixtures.resume(name)
        let reader = try DOCXParagraphReader(data: try ResumeExporter.export(markdown: markdown, format: .docx).data)
        let paragraphs = try reader.paragraphs()
        #expect(paragraphs == Self.expectedParagraphs(for: ResumeDocument(markdown: markdown)))

        // Independent of the module's parser: the texts are the resume's lines.
        #expect(paragraphs.map(\.text) == ResumeText.visibleLines(ofMarkdown: markdown))
        #expect(paragraphs.first?.style == "Title")
        #expect(paragraphs.contains { $0.style == "Heading1" && $0.text == "Experience" })
        #expect(paragraphs.filter { $0.style == "ListBullet" }.allSatisfy { $0.numberingID == 1 && $0.level == 0 })
    }

    @Test(arguments: Fixtures.resumeNames)
    func everyPartIsWellFormedAndDeclared(name: String) throws {
        let data = try ResumeExporter.export(markdown: try Fixtures.resume(name), format: .docx).data
        let reader = try DOCXParagraphReader(data: data)
        #expect(reader.entryPaths.first == "[Content_Types].xml")
        #expect(Set(reader.entryPaths) == Set(Self.requiredParts))
        for path in reader.entryPaths {
            #expect(try reader.isWellFormed(path), "\(path) is not well-formed")
        }
        let contentTypes = String(decoding: try reader.entryData("[Content_Types].xml"), as: UTF8.self)
        for path in reader.entryPaths where !path.hasSuffix(".rels") && path != "[Content_Types].xml" {
            #expect(contentTypes.contains("PartName=\"/\(path)\""), "\(path) has no content type")
        }
    }

    @Test func hostileTextIsEscapedAndStillWellFormed() throws {
        let markdown = "# A & B <Co>\n\nQuote \" and ' and \u{1}\u{8}control\u{B} chars\n\n- <w:p>inject</w:p> ]]> &amp;\n"
        let reader = try DOCXParagraphReader(data: try ResumeExporter.export(markdown: markdown, format: .docx).data)
        for path in reader.entryPaths { #expect(try reader.isWellFormed(path)) }
        let texts = try reader.paragraphs().map(\.text)
        #expect(texts == ["A & B <Co>", "Quote \" and ' and control chars", "<w:p>inject</w:p> ]]> &"])
    }

    @Test func nestedAndOrderedListsUseNumbering() throws {
        let markdown = "- top\n  - nested\n\n3. third\n4. fourth\n\n1) again\n"
        let reader = try DOCXParagraphReader(data: try ResumeExporter.export(markdown: markdown, format: .docx).data)
        let paragraphs = try reader.paragraphs()
        #expect(paragraphs.map(\.level) == [0, 1, 0, 0, 0])
        #expect(paragraphs.map(\.numberingID) == [1, 1, 2, 2, 3])
        let numbering = String(decoding: try reader.entryData("word/numbering.xml"), as: UTF8.self)
        #expect(numbering.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"))
        let firstNum = try #require(numbering.range(of: "<w:num "))
        let lastAbstract = try #require(numbering.range(of: "<w:abstractNum ", options: .backwards))
        #expect(lastAbstract.lowerBound < firstNum.lowerBound, "abstractNum must precede num")
    }

    @Test func formattingAndLinksBecomeRunsAndRelationships() throws {
        let markdown = "**Bold** *italic* `code` [site](https://example.com/a b) [bad](javascript:x)\n"
        let reader = try DOCXParagraphReader(data: try ResumeExporter.export(markdown: markdown, format: .docx).data)
        let document = String(decoding: try reader.entryData("word/document.xml"), as: UTF8.self)
        #expect(document.contains("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Bold</w:t></w:r>"))
        #expect(document.contains("<w:i/><w:iCs/>"))
        #expect(document.contains("Courier New"))
        let relationships = String(decoding: try reader.entryData("word/_rels/document.xml.rels"), as: UTF8.self)
        #expect(!relationships.contains("javascript"))
        #expect(try reader.paragraphs().map(\.text) == ["Bold italic code [site](https://example.com/a b) bad"])
    }

    @Test func linkRelationshipsAreExternalAndEncoded() throws {
        let markdown = "[Portfolio](https://example.com/ü?q=\"x\")\n"
        let reader = try DOCXParagraphReader(data: try ResumeExporter.export(markdown: markdown, format: .docx).data)
        let relationships = String(decoding: try reader.entryData("word/_rels/document.xml.rels"), as: UTF8.self)
        #expect(relationships.contains("Target=\"https://example.com/%C3%BC?q=%22x%22\" TargetMode=\"External\""))
        let document = String(decoding: try reader.entryData("word/document.xml"), as: UTF8.self)
        #expect(document.contains("<w:hyperlink r:id=\"rIdLink1\""))
    }

    @Test(arguments: [(PageSize.letter, "w:w=\"12240\" w:h=\"15840\""), (PageSize.a4, "w:w=\"11906\" w:h=\"16838\"")])
    func pageSizeIsInSectionProperties(size: PageSize, expected: String) throws {
        let data = try ResumeExporter.export(markdown: "# X\n", format: .docx, options: ExportOptions(pageSize: size, marginPoints: 36)).data
        let document = String(decoding: try DOCXParagraphReader(data: data).entryData("word/document.xml"), as: UTF8.self)
        #expect(document.contains("<w:pgSz \(expected)/>"))
        #expect(document.contains("w:top=\"720\""))
    }

    /// The paragraphs the DOCX must contain, derived from the block model.
    static func expectedParagraphs(for document: ResumeDocument) -> [DOCXParagraphReader.Paragraph] {
        let roles = BlockRole.roles(for: document.blocks)
        return zip(document.blocks, roles).flatMap { block, role -> [DOCXParagraphReader.Paragraph] in
            switch (block, role) {
            case (.heading(_, let content), .name): [.init(style: "Title", text: content.plainText)]
            case (.heading(_, let content), .section): [.init(style: "Heading1", text: content.plainText)]
            case (.heading(_, let content), .entry): [.init(style: "Heading2", text: content.plainText)]
            case (.paragraph(let content), .contact): [.init(style: "Contact", text: content.plainText)]
            case (.paragraph(let content), .entryMeta): [.init(style: "EntryMeta", text: content.plainText)]
            case (.paragraph(let content), _): [.init(style: nil, text: content.plainText)]
            case (.list(let list), _):
                list.items.map { item in
                    guard case .paragraph(let content)? = item.blocks.first else { return .init(text: "") }
                    return .init(style: "ListBullet", numberingID: 1, level: 0, text: content.plainText)
                }
            default: []
            }
        }
    }
}

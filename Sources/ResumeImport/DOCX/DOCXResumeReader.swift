import ResumeKit
import Foundation

/// DOCX → ``SourceLine``s: the ZIP opened under limits, headers and body read in order,
/// paragraph styles mapped to roles, run formatting to bold/italic.
enum DOCXResumeReader {
    static func lines(from data: Data, limits: ArchiveLimits = .standard) throws(ResumeImportError) -> [SourceLine] {
        let archive = try SafeArchive(data: data, limits: limits)
        guard let body = try archive.read("word/document.xml") else {
            throw .corruptDOCX(detail: "no word/document.xml")
        }
        let bodyParagraphs = try WordXMLReader.paragraphs(from: body)
        // Templates often put the name and contact details in the page header.
        var headerParagraphs: [WordParagraph] = []
        for header in archive.headerPaths {
            if let data = try archive.read(header) { headerParagraphs += try WordXMLReader.paragraphs(from: data) }
        }
        let all = headerParagraphs + bodyParagraphs
        let needsStyles = all.contains { paragraph in
            paragraph.styleID.map { WordStyleSheet.meaning(ofBuiltIn: $0) == nil } ?? false
        }
        var styles = WordStyleSheet.empty
        if needsStyles, let data = try archive.read("word/styles.xml") { styles = WordStyleSheet.parse(data) }
        let bodyLines = bodyParagraphs.flatMap { sourceLines($0, styles: styles) }
        // A name repeated in the first-page and default headers, or also in the body, is read once.
        var seen = Set(bodyLines.map(\.text))
        let headerLines = headerParagraphs.flatMap { sourceLines($0, styles: styles) }.filter { seen.insert($0.text).inserted }
        return headerLines + bodyLines
    }

    private static func sourceLines(_ paragraph: WordParagraph, styles: WordStyleSheet) -> [SourceLine] {
        let meaning = paragraph.styleID.map(styles.meaning(of:)) ?? .body
        var role: SourceLine.Role
        switch meaning {
        case .title: role = .title
        case .heading(let level): role = .heading(level)
        case .listItem: role = .listItem
        case .body: role = .text
        }
        if paragraph.isNumbered, role == .text { role = .listItem }
        if let level = paragraph.outlineLevel, (0...8).contains(level), role == .text { role = .heading(level + 1) }
        let bold = paragraph.all(\.isBold), italic = paragraph.all(\.isItalic)
        // A line break inside a paragraph (Shift+Enter) separates lines as much as a new paragraph does.
        return paragraph.text.split(separator: "\n").map { String($0).trimmed }.filter { !$0.isEmpty }.map { text in
            SourceLine(text, role: role, isBold: bold, isItalic: italic)
        }
    }
}

extension SafeArchive {
    /// `word/header1.xml`, `word/header2.xml`… in name order.
    var headerPaths: [String] {
        (1...6).map { "word/header\($0).xml" }.filter(contains)
    }
}

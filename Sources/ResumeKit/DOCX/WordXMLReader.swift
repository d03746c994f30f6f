import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the paragraphs of a WordprocessingML part (`word/document.xml`, headers) with a SAX
/// parser: paragraph style, numbering, outline level, and runs with bold/italic, tabs and breaks.
///
/// Text boxes nest paragraphs inside paragraphs, so paragraphs are a stack. Markup-compatibility
/// fallbacks (`mc:Fallback`) repeat their `mc:Choice` content and are skipped, or every text box
/// would be read twice. Deleted text and field instructions are not content.
final class WordXMLReader: NSObject, XMLParserDelegate {
    private(set) var paragraphs: [WordParagraph] = []
    private(set) var stack: [WordParagraph] = []
    private var runBold = false
    private var runItalic = false
    private var inRunProperties = false
    private var inParagraphProperties = false
    private var textDepth = 0
    private var skipDepth = 0
    private var pendingText = ""
    private var depth = 0
    private(set) var sawRoot = false
    /// Open table rows (tables nest): where the row's paragraphs start, and where each cell's do.
    private var rows: [(start: Int, cells: [Int])] = []

    static func paragraphs(from data: Data) throws(ResumeImportError) -> [WordParagraph] {
        // A DOCX never needs a DTD; refusing one rules out entity-expansion attacks outright.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw .corruptDOCX(detail: "document declares a DTD")
        }
        let reader = WordXMLReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        // Unclosed paragraphs mean the XML ended early; some parsers do not report that.
        guard parser.parse(), parser.parserError == nil, reader.stack.isEmpty, reader.sawRoot else {
            throw .corruptDOCX(detail: "malformed XML")
        }
        return reader.paragraphs
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let name = Self.localName(elementName)
        depth += 1
        if skipDepth > 0 || (name == "Fallback" && namespaceURI?.contains("markup-compatibility") == true) {
            skipDepth += 1
            return
        }
        let value = Self.attribute("val", in: attributeDict)
        switch name {
        case "p": stack.append(WordParagraph())
        case "tr": rows.append((paragraphs.count, []))
        case "tc": if !rows.isEmpty { rows[rows.count - 1].cells.append(paragraphs.count) }
        case "pPr": inParagraphProperties = true
        case "pStyle" where inParagraphProperties: modifyTop { $0.styleID = value }
        case "numPr" where inParagraphProperties: modifyTop { $0.isNumbered = true }
        case "outlineLvl" where inParagraphProperties: modifyTop { $0.outlineLevel = value.flatMap(Int.init) }
        case "r": runBold = false; runItalic = false
        case "rPr": inRunProperties = true
        case "b" where inRunProperties && !inParagraphProperties: runBold = Self.isOn(value)
        case "i" where inRunProperties && !inParagraphProperties: runItalic = Self.isOn(value)
        case "t": textDepth += 1
        case "tab" where !inParagraphProperties: appendText("\t")
        case "br", "cr": appendText("\n")
        case "noBreakHyphen": appendText("-")
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        if depth == 0 { sawRoot = true }
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        switch Self.localName(elementName) {
        case "p":
            if let paragraph = stack.popLast() { paragraphs.append(paragraph) }
        case "tr":
            if let row = rows.popLast() { mergeRow(row) }
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        case "t":
            textDepth = max(0, textDepth - 1)
            appendText(pendingText)
            pendingText = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, textDepth > 0 else { return }
        pendingText += string
    }

    /// A table row whose cells each hold one line ("Senior Engineer" | "2019 – 2021") is one
    /// line with tab-separated cells, like a tab stop: tables are how word processors set dates
    /// to the right. Rows with paragraphs of their own in a cell (a layout table of two
    /// columns) stay as they are, cell after cell.
    private func mergeRow(_ row: (start: Int, cells: [Int])) {
        guard row.start <= paragraphs.count, row.cells.count >= 2 else { return }
        let bounds = row.cells + [paragraphs.count]
        var cells: [WordParagraph?] = []
        for index in row.cells.indices {
            let inCell = paragraphs[bounds[index]..<bounds[index + 1]].filter { !$0.text.trimmed.isEmpty }
            guard inCell.count <= 1 else { return }
            cells.append(inCell.first)
        }
        let filled = cells.compactMap { $0 }
        guard filled.count >= 2, let first = filled.first else { return }
        var merged = first
        for cell in filled.dropFirst() {
            merged.runs.append(WordParagraph.Run(text: "\t", isBold: false, isItalic: false))
            merged.runs += cell.runs
        }
        paragraphs.replaceSubrange(row.start..<paragraphs.count, with: [merged])
    }

    private func appendText(_ text: String) {
        guard !text.isEmpty else { return }
        let (bold, italic) = (runBold, runItalic)
        modifyTop { paragraph in
            if let last = paragraph.runs.last, last.isBold == bold, last.isItalic == italic {
                paragraph.runs[paragraph.runs.count - 1].text += text
            } else {
                paragraph.runs.append(WordParagraph.Run(text: text, isBold: bold, isItalic: italic))
            }
        }
    }

    private func modifyTop(_ change: (inout WordParagraph) -> Void) {
        guard !stack.isEmpty else { return }
        change(&stack[stack.count - 1])
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Attribute by local name: parsers differ on whether keys keep their `w:` prefix.
    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        if let value = attributes[local] { return value }
        return attributes.first { localName($0.key) == local }?.value
    }

    /// `<w:b/>` and `<w:b w:val="1"/>` switch a property on; `w:val="0"`/`"false"` off.
    private static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off", "none"].contains(value.lowercased())
    }
}

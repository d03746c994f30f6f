/// Writes `word/document.xml`: one `w:p` per heading, paragraph and list
/// item, with real styles (`Title`, `Heading1`…) and real list numbering, so
/// Word, LibreOffice and ATS parsers see structure rather than formatting.
struct DocumentXMLWriter {
    /// A hyperlink relationship the package must declare.
    struct Hyperlink: Sendable, Equatable {
        var id: String
        var target: String
    }

    /// A numbered list instance: numbering restarts for each one.
    struct OrderedList: Sendable, Equatable {
        var numberingID: Int
        var level: Int
        var start: Int
    }

    /// `w:numId` of the shared bullet numbering.
    static let bulletNumberingID = 1
    /// Numbered lists get ids from here on (see ``NumberingXML``).
    static let firstOrderedNumberingID = 2
    /// Word supports list levels 0...8.
    static let maxListLevel = 8

    private(set) var hyperlinks: [Hyperlink] = []
    private(set) var orderedLists: [OrderedList] = []
    private var body = ""

    /// Builds the whole part; hyperlinks and ordered lists are collected on
    /// the way for the relationships and numbering parts.
    mutating func write(_ document: ResumeDocument, options: ExportOptions) -> String {
        body = ""
        let roles = BlockRole.roles(for: document.blocks)
        for (block, role) in zip(document.blocks, roles) {
            appendTopLevel(block, role: role)
        }
        return DOCXNamespaces.xmlDeclaration
            + "<w:document \(DOCXNamespaces.documentAttributes)><w:body>"
            + body
            + sectionProperties(options)
            + "</w:body></w:document>"
    }

    // MARK: Blocks

    private mutating func appendTopLevel(_ block: Block, role: BlockRole) {
        switch (block, role) {
        case (.heading(_, let content), .name):
            appendParagraph(content, style: "Title")
        case (.heading(_, let content), .section):
            appendParagraph(content, style: "Heading1")
        case (.heading(_, let content), .entry(let level)):
            appendParagraph(content, style: level == 3 ? "Heading2" : "Heading3")
        case (.paragraph(let content), .contact):
            appendParagraph(content, style: "Contact")
        case (.paragraph(let content), .entryMeta):
            appendParagraph(content, style: "EntryMeta")
        default:
            append(block, depth: 0)
        }
    }

    private mutating func append(_ block: Block, depth: Int) {
        switch block {
        case .heading(_, let content):
            appendParagraph(content, style: "Heading3")
        case .paragraph(let content):
            appendParagraph(content, style: nil, indentLevel: depth)
        case .list(let list):
            appendList(list, depth: depth)
        case .code(let text):
            appendParagraph([.text(text)], style: "Code", indentLevel: depth, forceCode: true)
        case .quote(let blocks):
            for child in blocks {
                if case .paragraph(let content) = child {
                    appendParagraph(content, style: "Quote", indentLevel: depth)
                } else {
                    append(child, depth: depth + 1)
                }
            }
        case .rule:
            body += "<w:p><w:pPr><w:pStyle w:val=\"HorizontalRule\"/></w:pPr></w:p>"
        }
    }

    private mutating func appendList(_ list: ListBlock, depth: Int) {
        let level = min(depth, Self.maxListLevel)
        let numberingID: Int
        if list.ordered {
            numberingID = Self.firstOrderedNumberingID + orderedLists.count
            orderedLists.append(OrderedList(numberingID: numberingID, level: level, start: max(list.start, 0)))
        } else {
            numberingID = Self.bulletNumberingID
        }
        let style = list.ordered ? "ListNumber" : "ListBullet"
        for item in list.items {
            appendItem(item, style: style, numbering: (numberingID, level), depth: depth)
        }
    }

    private mutating func appendItem(_ item: ListItem, style: String, numbering: (id: Int, level: Int), depth: Int) {
        var numbered = false
        for block in item.blocks {
            if !numbered, case .paragraph(let content) = block {
                appendParagraph(content, style: style, numbering: numbering)
            } else {
                append(block, depth: depth + 1)
            }
            numbered = true
        }
        if !numbered {
            appendParagraph([], style: style, numbering: numbering)
        }
    }

    // MARK: Paragraphs and runs

    private mutating func appendParagraph(_ content: [Inline], style: String?, indentLevel: Int = 0,
                                          numbering: (id: Int, level: Int)? = nil, forceCode: Bool = false) {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numbering {
            properties += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>"
        }
        if numbering == nil, indentLevel > 0 {
            properties += "<w:ind w:left=\"\(360 * min(indentLevel, Self.maxListLevel + 1))\"/>"
        }
        body += "<w:p>"
        if !properties.isEmpty { body += "<w:pPr>" + properties + "</w:pPr>" }
        var runs = DOCXRun.runs(for: content)
        if forceCode { runs = runs.map { var run = $0; run.code = true; return run } }
        appendRuns(runs)
        body += "</w:p>"
    }

    /// Consecutive runs with the same link share one `w:hyperlink`.
    private mutating func appendRuns(_ runs: [DOCXRun]) {
        var index = 0
        while index < runs.count {
            guard let target = runs[index].link else {
                body += runXML(runs[index])
                index += 1
                continue
            }
            let end = runs[index...].firstIndex { $0.link != target } ?? runs.count
            let id = relationshipID(for: target)
            body += "<w:hyperlink r:id=\"\(id)\" w:history=\"1\">"
            for run in runs[index..<end] { body += runXML(run) }
            body += "</w:hyperlink>"
            index = end
        }
    }

    private mutating func relationshipID(for target: String) -> String {
        let id = "rIdLink\(hyperlinks.count + 1)"
        hyperlinks.append(Hyperlink(id: id, target: target))
        return id
    }

    private func runXML(_ run: DOCXRun) -> String {
        var properties = ""
        // Order follows CT_RPr in the schema; Word rejects other orders.
        if run.link != nil { properties += "<w:rStyle w:val=\"Hyperlink\"/>" }
        if run.code {
            properties += "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>"
        }
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if run.italic { properties += "<w:i/><w:iCs/>" }
        let propertiesXML = properties.isEmpty ? "" : "<w:rPr>" + properties + "</w:rPr>"
        switch run.content {
        case .lineBreak:
            return "<w:r>" + propertiesXML + "<w:br/></w:r>"
        case .text(let text):
            return "<w:r>" + propertiesXML + textXML(text) + "</w:r>"
        }
    }

    /// Tabs are their own element in WordprocessingML.
    private func textXML(_ text: String) -> String {
        text.split(separator: "\t", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "<w:t xml:space=\"preserve\">" + TextEscaping.xml(String($0)) + "</w:t>" }
            .joined(separator: "<w:tab/>")
    }

    private func sectionProperties(_ options: ExportOptions) -> String {
        let size = options.pageSize.twips
        let margin = Int((options.marginPoints * 20).rounded())
        return "<w:sectPr>"
            + "<w:pgSz w:w=\"\(size.width)\" w:h=\"\(size.height)\"/>"
            + "<w:pgMar w:top=\"\(margin)\" w:right=\"\(margin)\" w:bottom=\"\(margin)\" w:left=\"\(margin)\""
            + " w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"720\"/><w:docGrid w:linePitch=\"360\"/>"
            + "</w:sectPr>"
    }
}

/// `word/numbering.xml`: one bullet definition shared by all bullet lists and
/// one decimal definition instantiated per numbered list (so each restarts at
/// its own start number). The schema wants every `w:abstractNum` before any
/// `w:num`.
enum NumberingXML {
    static let bulletAbstractID = 0
    static let decimalAbstractID = 1
    private static let bulletGlyphs = ["•", "◦", "▪"]

    static func part(orderedLists: [DocumentXMLWriter.OrderedList]) -> String {
        var xml = DOCXNamespaces.xmlDeclaration + "<w:numbering \(DOCXNamespaces.documentAttributes)>"
        xml += abstractNumbering(id: bulletAbstractID) { level in
            let glyph = bulletGlyphs[level % bulletGlyphs.count]
            return "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\(glyph)\"/>"
        }
        xml += abstractNumbering(id: decimalAbstractID) { level in
            "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%\(level + 1).\"/>"
        }
        xml += "<w:num w:numId=\"\(DocumentXMLWriter.bulletNumberingID)\"><w:abstractNumId w:val=\"\(bulletAbstractID)\"/></w:num>"
        for list in orderedLists {
            xml += "<w:num w:numId=\"\(list.numberingID)\"><w:abstractNumId w:val=\"\(decimalAbstractID)\"/>"
            xml += "<w:lvlOverride w:ilvl=\"\(list.level)\"><w:startOverride w:val=\"\(list.start)\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    /// Nine levels (Word's maximum), 0.25" apart, with a hanging indent.
    private static func abstractNumbering(id: Int, format: (Int) -> String) -> String {
        var xml = "<w:abstractNum w:abstractNumId=\"\(id)\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        for level in 0...DocumentXMLWriter.maxListLevel {
            xml += "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/>" + format(level)
            xml += "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"\(360 + 360 * level)\" w:hanging=\"252\"/></w:pPr>"
            xml += "</w:lvl>"
        }
        return xml + "</w:abstractNum>"
    }
}

/// `word/styles.xml`: the paragraph styles the document uses. Heading styles
/// carry `w:outlineLvl`, so Word's navigation pane and ATS parsers see the
/// outline. Child elements follow the schema's order, which Word enforces.
enum StylesXML {
    static let part: String = DOCXNamespaces.xmlDeclaration
        + "<w:styles \(DOCXNamespaces.documentAttributes)>"
        + defaults
        + paragraphStyle("Normal", name: "Normal", isDefault: true, basedOn: nil, pPr: "", rPr: "")
        + "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
        + paragraphStyle("Title", name: "Title", pPr: "<w:spacing w:before=\"0\" w:after=\"40\"/><w:jc w:val=\"center\"/>",
                         rPr: "<w:b/><w:bCs/><w:color w:val=\"1D2530\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>")
        + paragraphStyle("Contact", name: "Contact", pPr: "<w:spacing w:after=\"160\"/><w:jc w:val=\"center\"/>",
                         rPr: "<w:color w:val=\"4A5565\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>")
        + heading(1, pPr: "<w:keepNext/><w:keepLines/>"
                    + "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"B9C4D0\"/></w:pBdr>"
                    + "<w:spacing w:before=\"240\" w:after=\"100\"/><w:outlineLvl w:val=\"0\"/>",
                  rPr: "<w:b/><w:bCs/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
        + heading(2, pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"160\" w:after=\"0\"/><w:outlineLvl w:val=\"1\"/>",
                  rPr: "<w:b/><w:bCs/><w:color w:val=\"1D2530\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
        + heading(3, pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"0\"/><w:outlineLvl w:val=\"2\"/>",
                  rPr: "<w:b/><w:bCs/><w:color w:val=\"1D2530\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
        + paragraphStyle("EntryMeta", name: "Entry Meta", pPr: "<w:keepNext/><w:spacing w:after=\"40\"/>",
                         rPr: "<w:color w:val=\"4A5565\"/>")
        + paragraphStyle("ListBullet", name: "List Bullet",
                         pPr: "<w:numPr><w:numId w:val=\"\(DocumentXMLWriter.bulletNumberingID)\"/></w:numPr>"
                            + "<w:spacing w:after=\"40\"/><w:contextualSpacing/>", rPr: "")
        + paragraphStyle("ListNumber", name: "List Number", pPr: "<w:spacing w:after=\"40\"/><w:contextualSpacing/>", rPr: "")
        + paragraphStyle("Quote", name: "Quote", pPr: "<w:ind w:left=\"360\"/>",
                         rPr: "<w:i/><w:iCs/><w:color w:val=\"4A5565\"/>")
        + paragraphStyle("Code", name: "Code", pPr: "<w:spacing w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         rPr: "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>"
                            + "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
        + paragraphStyle("HorizontalRule", name: "Horizontal Rule",
                         pPr: "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"D0D7DE\"/></w:pBdr>"
                            + "<w:spacing w:after=\"120\"/>", rPr: "")
        + "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
        + "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>"
        + "<w:rPr><w:color w:val=\"1F4E79\"/><w:u w:val=\"single\"/></w:rPr></w:style>"
        + "</w:styles>"

    /// Arial maps to Liberation Sans in LibreOffice; 10.5 pt body text.
    private static let defaults = "<w:docDefaults><w:rPrDefault><w:rPr>"
        + "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>"
        + "<w:color w:val=\"1D2530\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
        + "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
        + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        + "<w:spacing w:after=\"80\" w:line=\"264\" w:lineRule=\"auto\"/>"
        + "</w:pPr></w:pPrDefault></w:docDefaults>"

    private static func heading(_ level: Int, pPr: String, rPr: String) -> String {
        paragraphStyle("Heading\(level)", name: "heading \(level)", pPr: pPr, rPr: rPr)
    }

    private static func paragraphStyle(_ id: String, name: String, isDefault: Bool = false, basedOn: String? = "Normal",
                                       pPr: String, rPr: String) -> String {
        var xml = "<w:style w:type=\"paragraph\"" + (isDefault ? " w:default=\"1\"" : "") + " w:styleId=\"\(id)\">"
        xml += "<w:name w:val=\"\(name)\"/>"
        if let basedOn { xml += "<w:basedOn w:val=\"\(basedOn)\"/><w:next w:val=\"Normal\"/>" }
        xml += "<w:qFormat/>"
        if !pPr.isEmpty { xml += "<w:pPr>" + pPr + "</w:pPr>" }
        if !rPr.isEmpty { xml += "<w:rPr>" + rPr + "</w:rPr>" }
        return xml + "</w:style>"
    }
}

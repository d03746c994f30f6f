import Foundation

/// The small fixed parts of a DOCX package: content types, relationships,
/// settings and document properties.
enum PackageParts {
    static let contentTypes = DOCXNamespaces.xmlDeclaration
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + override("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        + override("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")
        + override("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml")
        + override("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml")
        + override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        + override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        + "</Types>"

    static let packageRelationships = DOCXNamespaces.xmlDeclaration
        + "<Relationships xmlns=\"\(DOCXNamespaces.packageRelationships)\">"
        + relationship("rId1", "\(DOCXNamespaces.officeRelationships)/officeDocument", "word/document.xml")
        + relationship("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                       "docProps/core.xml")
        + relationship("rId3", "\(DOCXNamespaces.officeRelationships)/extended-properties", "docProps/app.xml")
        + "</Relationships>"

    /// `word/_rels/document.xml.rels`, including one external relationship
    /// per hyperlink.
    static func documentRelationships(hyperlinks: [DocumentXMLWriter.Hyperlink]) -> String {
        var xml = DOCXNamespaces.xmlDeclaration + "<Relationships xmlns=\"\(DOCXNamespaces.packageRelationships)\">"
        xml += relationship("rId1", "\(DOCXNamespaces.officeRelationships)/styles", "styles.xml")
        xml += relationship("rId2", "\(DOCXNamespaces.officeRelationships)/numbering", "numbering.xml")
        xml += relationship("rId3", "\(DOCXNamespaces.officeRelationships)/settings", "settings.xml")
        for link in hyperlinks {
            xml += "<Relationship Id=\"\(link.id)\" Type=\"\(DOCXNamespaces.officeRelationships)/hyperlink\""
            xml += " Target=\"\(TextEscaping.xml(link.target))\" TargetMode=\"External\"/>"
        }
        return xml + "</Relationships>"
    }

    /// Compatibility mode 15 keeps Word from opening the file in
    /// "Compatibility Mode".
    static let settings = DOCXNamespaces.xmlDeclaration
        + "<w:settings \(DOCXNamespaces.documentAttributes)>"
        + "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        + "</w:settings>"

    static func coreProperties(title: String, author: String?, created: Date) -> String {
        let timestamp = w3cdtf(created)
        var xml = DOCXNamespaces.xmlDeclaration
        xml += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        xml += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        xml += " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        xml += "<dc:title>\(TextEscaping.xml(title))</dc:title>"
        if let author { xml += "<dc:creator>\(TextEscaping.xml(author))</dc:creator>" }
        xml += "<cp:lastModifiedBy>Resume Agent</cp:lastModifiedBy>"
        xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(timestamp)</dcterms:created>"
        xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(timestamp)</dcterms:modified>"
        return xml + "</cp:coreProperties>"
    }

    static let appProperties = DOCXNamespaces.xmlDeclaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
        + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        + "<Application>Resume Agent</Application><DocSecurity>0</DocSecurity></Properties>"

    private static func override(_ partName: String, _ contentType: String) -> String {
        "<Override PartName=\"\(partName)\" ContentType=\"\(contentType)\"/>"
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
    }

    /// `2024-05-01T12:00:00Z`: W3CDTF in UTC, whole seconds.
    private static func w3cdtf(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

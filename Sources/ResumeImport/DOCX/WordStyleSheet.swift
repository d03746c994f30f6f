import ResumeKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Paragraph style IDs of `word/styles.xml` resolved to what they mean for structure.
///
/// Style IDs are localised by Word ("berschrift1", "Titre1"), but style names of built-in styles
/// are not ("heading 1", "Title"), and custom styles are usually based on a built-in one.
struct WordStyleSheet {
    enum Meaning: Equatable { case title, heading(Int), listItem, body }

    private struct Style {
        var name: String?
        var basedOn: String?
        var outlineLevel: Int?
    }

    private var styles: [String: Style] = [:]

    static let empty = WordStyleSheet()

    /// Built-in style IDs as English Word writes them; enough for most files without reading styles.xml.
    static func meaning(ofBuiltIn styleID: String) -> Meaning? {
        meaning(ofName: styleID)
    }

    private static func meaning(ofName name: String) -> Meaning? {
        let key = name.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        if key == "title" { return .title }
        if key.hasPrefix("heading"), let level = Int(key.dropFirst("heading".count)), (1...9).contains(level) {
            return .heading(level)
        }
        if key.hasPrefix("list") || key.contains("bullet") { return .listItem }
        if ["normal", "bodytext", "nospacing", "subtitle", "default"].contains(key) { return .body }
        return nil
    }

    func meaning(of styleID: String) -> Meaning {
        var current: String? = styleID
        var seen = Set<String>()
        while let id = current, !seen.contains(id) {
            seen.insert(id)
            if let known = Self.meaning(ofName: id) { return known }
            guard let style = styles[id] else { break }
            if let name = style.name, let known = Self.meaning(ofName: name) { return known }
            if let level = style.outlineLevel, (0...8).contains(level) { return .heading(level + 1) }
            current = style.basedOn
        }
        return .body
    }

    static func parse(_ data: Data) -> WordStyleSheet {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        // A broken style sheet costs only heading detection by style; the text is still readable.
        guard data.range(of: Data("<!DOCTYPE".utf8)) == nil, parser.parse() else { return .empty }
        var sheet = WordStyleSheet()
        sheet.styles = reader.styles
        return sheet
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var styles: [String: Style] = [:]
        private var currentID: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
            switch name {
            case "style":
                let type = WordXMLReader.attribute("type", in: attributeDict)
                currentID = type == "paragraph" ? WordXMLReader.attribute("styleId", in: attributeDict) : nil
                if let currentID { styles[currentID] = Style() }
            case "name": if let id = currentID { styles[id]?.name = WordXMLReader.attribute("val", in: attributeDict) }
            case "basedOn": if let id = currentID { styles[id]?.basedOn = WordXMLReader.attribute("val", in: attributeDict) }
            case "outlineLvl":
                if let id = currentID { styles[id]?.outlineLevel = WordXMLReader.attribute("val", in: attributeDict).flatMap(Int.init) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if elementName.hasSuffix("style") && !elementName.hasSuffix("Style") { currentID = nil }
        }
    }
}

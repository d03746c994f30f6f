import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads a DOCX back: the paragraphs of `word/document.xml` with their style
/// ids and list numbering. Test-only; the real importer lives elsewhere.
struct DOCXParagraphReader {
    struct Paragraph: Equatable, CustomStringConvertible {
        var style: String?
        var numberingID: Int?
        var level: Int?
        var text: String

        var description: String { "[\(style ?? "-")\(numberingID.map { " num=\($0)" } ?? "")] \(text)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let archive: Archive

    init(data: Data) throws {
        archive = try Archive(data: data, accessMode: .read)
    }

    var entryPaths: [String] { archive.map(\.path) }

    func entryData(_ path: String) throws -> Data {
        guard let entry = archive[path] else { throw Failure(description: "missing \(path)") }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        return data
    }

    /// True when the part parses as XML.
    func isWellFormed(_ path: String) throws -> Bool {
        let parser = XMLParser(data: try entryData(path))
        return parser.parse()
    }

    func paragraphs() throws -> [Paragraph] {
        let collector = ParagraphCollector()
        let parser = XMLParser(data: try entryData("word/document.xml"))
        parser.delegate = collector
        guard parser.parse() else { throw Failure(description: "document.xml: \(String(describing: parser.parserError))") }
        return collector.paragraphs
    }
}

private final class ParagraphCollector: NSObject, XMLParserDelegate {
    var paragraphs: [DOCXParagraphReader.Paragraph] = []
    private var current: DOCXParagraphReader.Paragraph?
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:p": current = .init(text: "")
        case "w:pStyle": current?.style = attributes["w:val"]
        case "w:numId": current?.numberingID = attributes["w:val"].flatMap(Int.init)
        case "w:ilvl": current?.level = attributes["w:val"].flatMap(Int.init)
        case "w:t": inText = true
        case "w:tab": current?.text += "\t"
        case "w:br": current?.text += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p":
            if let current { paragraphs.append(current) }
            current = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current?.text += string }
    }
}

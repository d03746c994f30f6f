import Foundation

/// Writes small ZIP archives (stored, not compressed) so tests can build DOCX files with exactly
/// the XML they need, and archives whose headers lie.
enum TestZip {
    struct Entry {
        var path: String
        var data: Data
        /// Overrides the uncompressed size written in the headers, to make the archive lie.
        var declaredSize: UInt32?
    }

    static func archive(_ entries: [Entry]) -> Data {
        var output = Data()
        var central = Data()
        for entry in entries {
            let offset = UInt32(output.count)
            let name = Data(entry.path.utf8)
            let crc = crc32(entry.data)
            let size = UInt32(entry.data.count)
            let declared = entry.declaredSize ?? size
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            output += le32(crc) + le32(size) + le32(declared) + le16(UInt16(name.count)) + le16(0) + name + entry.data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(size) + le32(declared) + le16(UInt16(name.count)) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = UInt32(output.count)
        output += central
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        output += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return output
    }

    /// A DOCX whose body is `bodyXML` (the children of `<w:body>`), with optional styles.
    static func docx(body bodyXML: String, styles: String? = nil) -> Data {
        let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(ns)><w:body>\(bodyXML)</w:body></w:document>"
        var entries = [
            Entry(path: "[Content_Types].xml", data: Data("<Types/>".utf8)),
            Entry(path: "word/document.xml", data: Data(document.utf8)),
        ]
        if let styles {
            entries.append(Entry(path: "word/styles.xml", data: Data("<?xml version=\"1.0\"?><w:styles \(ns)>\(styles)</w:styles>".utf8)))
        }
        return archive(entries)
    }

    /// `<w:p>` with an optional style and runs; `**x**` runs are bold, `*x*` italic.
    static func paragraph(_ text: String, style: String? = nil, numbered: Bool = false) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if numbered { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" }
        let pPr = properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
        var rPr = ""
        var body = text
        if body.hasPrefix("**") && body.hasSuffix("**") { rPr = "<w:rPr><w:b/></w:rPr>"; body = String(body.dropFirst(2).dropLast(2)) }
        else if body.hasPrefix("*") && body.hasSuffix("*") { rPr = "<w:rPr><w:i/></w:rPr>"; body = String(body.dropFirst().dropLast()) }
        let escaped = body.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let runs = escaped.components(separatedBy: "\t").map { "<w:t xml:space=\"preserve\">\($0)</w:t>" }.joined(separator: "<w:tab/>")
        return "<w:p>\(pPr)<w:r>\(rPr)\(runs)</w:r></w:p>"
    }

    private static func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

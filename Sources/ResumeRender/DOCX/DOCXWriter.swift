import Foundation
import ZIPFoundation

/// Assembles a DOCX package in memory with ZIPFoundation.
enum DOCXWriter {
    static func package(_ document: ResumeDocument, options: ExportOptions, created: Date = Date()) throws(RenderError) -> Data {
        var writer = DocumentXMLWriter()
        let documentXML = writer.write(document, options: options)
        let title = document.personName.map { "\($0) — Resume" } ?? "Resume"
        // [Content_Types].xml first: some readers sniff the first entry.
        let parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", PackageParts.contentTypes),
            ("_rels/.rels", PackageParts.packageRelationships),
            ("word/document.xml", documentXML),
            ("word/_rels/document.xml.rels", PackageParts.documentRelationships(hyperlinks: writer.hyperlinks)),
            ("word/styles.xml", StylesXML.part),
            ("word/numbering.xml", NumberingXML.part(orderedLists: writer.orderedLists)),
            ("word/settings.xml", PackageParts.settings),
            ("docProps/core.xml", PackageParts.coreProperties(title: title, author: document.personName, created: created)),
            ("docProps/app.xml", PackageParts.appProperties),
        ]
        return try zip(parts, modified: created)
    }

    private static func zip(_ parts: [(path: String, xml: String)], modified: Date) throws(RenderError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let bytes = Data(part.xml.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: modified, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
                }
            }
            guard let data = archive.data else { throw RenderError.docxPackagingFailed("archive has no data") }
            return data
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError.docxPackagingFailed(String(describing: error))
        }
    }
}

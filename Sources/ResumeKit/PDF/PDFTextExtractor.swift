import CPoppler
import Foundation

/// Reads the text layer of a PDF with poppler-glib: every character with its box and font,
/// grouped into words. Layout analysis happens afterwards, in pure Swift (``PageLayout``).
enum PDFTextExtractor {
    /// Pages beyond this are not read: a resume has a few, and each page costs poppler time.
    static let maximumPages = 20

    struct Page {
        var index: Int
        var width: Double
        var height: Double
        var words: [PositionedWord]
        /// Poppler's own text, used when boxes and characters disagree.
        var text: String
        var boxesMatchText: Bool
        /// Words dropped because they are not visible text: icon names and alternative text
        /// squeezed into an icon's box (`\faTrophy`, `email:`), zero-size glyphs.
        var hiddenWords = 0
    }

    struct Document {
        var pages: [Page]
        /// Pages in the file, including any beyond ``maximumPages``.
        var pageCount: Int
    }

    static func pages(from data: Data) throws(ResumeImportError) -> [Page] {
        try document(from: data).pages
    }

    static func document(from data: Data) throws(ResumeImportError) -> Document {
        let document = try open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let total = Int(poppler_document_get_n_pages(document))
        // Refused before a page is read: each page costs poppler time, and no resume runs this long.
        guard total <= maximumPages else { throw .tooManyPages(count: total, limit: maximumPages) }
        let count = total
        var pages: [Page] = []
        for index in 0..<count {
            guard let page = poppler_document_get_page(document, Int32(index)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            pages.append(read(page, index: index))
        }
        return Document(pages: pages, pageCount: total)
    }

    static func open(_ data: Data) throws(ResumeImportError) -> OpaquePointer {
        let bytes = data.withUnsafeBytes { buffer in g_bytes_new(buffer.baseAddress, gsize(buffer.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            let encrypted = error.map { $0.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) } ?? false
            if let error { g_error_free(error) }
            throw encrypted ? .encryptedPDF : .corruptPDF
        }
        return document
    }

    private static func read(_ page: OpaquePointer, index: Int) -> Page {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        var result = Page(index: index, width: width, height: height, words: [], text: "", boxesMatchText: false)
        guard let textPointer = poppler_page_get_text(page) else { return result }
        defer { g_free(textPointer) }
        result.text = String(cString: textPointer)
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0, let rectangles else { return result }
        defer { g_free(rectangles) }
        let scalars = Array(result.text.unicodeScalars)
        // Poppler gives one box per character of its text; if that ever fails to hold, the boxes
        // cannot be trusted and the caller falls back to poppler's own line order.
        guard scalars.count == Int(rectangleCount) else { return result }
        let fonts = fontRuns(page, characterCount: scalars.count)
        let boxes = UnsafeBufferPointer(start: rectangles, count: Int(rectangleCount))
        let (words, hidden) = WordAssembler.words(scalars, boxes: boxes, fonts: fonts)
        result.words = words
        result.hiddenWords = hidden
        result.boxesMatchText = true
        return result
    }

    struct Font {
        var size: Double
        var isBold: Bool
        var isItalic: Bool
    }

    /// The font of each character, from poppler's attribute runs (start/end are character indexes).
    private static func fontRuns(_ page: OpaquePointer, characterCount: Int) -> [Font?] {
        var fonts = [Font?](repeating: nil, count: characterCount)
        guard let list = poppler_page_get_text_attributes(page) else { return fonts }
        defer { poppler_page_free_text_attributes(list) }
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let attributes = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let name = attributes.font_name.map { String(cString: $0) } ?? ""
                let font = Font(size: attributes.font_size, isBold: isBold(name), isItalic: isItalic(name))
                let start = max(0, Int(attributes.start_index))
                let end = min(characterCount - 1, Int(attributes.end_index))
                if start <= end { for index in start...end { fonts[index] = font } }
            }
            node = current.pointee.next
        }
        return fonts
    }

    static func isBold(_ fontName: String) -> Bool {
        let name = baseName(fontName)
        if ["bold", "black", "heavy", "semibold", "demi", "-bd", "extrabold"].contains(where: { name.contains($0) }) { return true }
        // TeX's own font names: cmbx10, sfbx1000 (EC), cmssbx10, cmb10.
        return ["cmbx", "sfbx", "ecbx", "cmssbx", "sfsx", "ecsx", "cmb1", "lmbx"].contains { name.hasPrefix($0) }
    }

    static func isItalic(_ fontName: String) -> Bool {
        let name = baseName(fontName)
        if name.contains("italic") || name.contains("oblique") || name.contains("slant") || name.hasSuffix("-it") { return true }
        // TeX: cmti10 (text italic), cmsl10 (slanted), sfti1000, sfsl1000, cmssi10.
        return ["cmti", "cmsl", "sfti", "sfsl", "ecti", "ecsl", "cmssi", "sfsi", "cmbxti", "sfbi", "cmbxsl"].contains { name.hasPrefix($0) }
    }

    /// "ABCDEF+CMBX10" → "cmbx10": the subset tag says nothing about the face.
    private static func baseName(_ fontName: String) -> String {
        let lower = fontName.lowercased()
        guard let plus = lower.firstIndex(of: "+"), lower.distance(from: lower.startIndex, to: plus) == 6 else { return lower }
        return String(lower[lower.index(after: plus)...])
    }
}

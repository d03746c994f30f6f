import CPoppler
import Foundation

/// Renders one page of a PDF to PNG bytes, for the import review: the page as the person sees
/// it, next to the text we read from it.
///
/// Bounded on every axis a hostile file could stretch: only PDFs within the importer's page
/// limit, a page index in range, an output width clamped to ``widthRange``, and the image's
/// pixel count (a page a hundred times taller than wide) capped at ``maximumPixels``.
public enum PDFPageRenderer {
    /// Output widths accepted; a request outside is clamped.
    public static let widthRange = 200...2000
    /// Width when none is asked for: sharp next to text on a laptop screen.
    public static let defaultWidth = 900
    /// Width × height of one image at most (about 16 MB of pixels at 4 bytes each).
    public static let maximumPixels = 4_000_000

    public enum RenderError: Error, Sendable, Equatable {
        /// The page index is not in the document (pages are numbered from 1).
        case noSuchPage(page: Int, pageCount: Int)
        /// Cairo could not make or encode the image.
        case renderingFailed
        /// The document itself could not be read (damaged, encrypted, too many pages).
        case unreadable(ResumeImportError)
    }

    /// The number of pages, or the import error that refuses the document.
    public static func pageCount(of data: Data) throws(RenderError) -> Int {
        let document = try open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        return Int(poppler_document_get_n_pages(document))
    }

    /// Page `page` (1-based) as a PNG `width` pixels wide (clamped), white background.
    public static func png(from data: Data, page: Int, width: Int = defaultWidth) throws(RenderError) -> Data {
        let document = try open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let count = Int(poppler_document_get_n_pages(document))
        guard page >= 1, page <= count, let handle = poppler_document_get_page(document, Int32(page - 1)) else {
            throw .noSuchPage(page: page, pageCount: count)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        var pageWidth = 0.0, pageHeight = 0.0
        poppler_page_get_size(handle, &pageWidth, &pageHeight)
        guard pageWidth > 0, pageHeight > 0 else { throw .renderingFailed }
        var scale = Double(min(max(width, widthRange.lowerBound), widthRange.upperBound)) / pageWidth
        if pageWidth * scale * pageHeight * scale > Double(maximumPixels) {
            scale = (Double(maximumPixels) / (pageWidth * pageHeight)).squareRoot()
        }
        let pixelWidth = max(1, Int((pageWidth * scale).rounded(.down)))
        let pixelHeight = max(1, Int((pageHeight * scale).rounded(.down)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw .renderingFailed }
        defer { cairo_surface_destroy(surface) }
        guard let context = cairo_create(surface) else { throw .renderingFailed }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render(handle, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        return try encode(surface)
    }

    private static func open(_ data: Data) throws(RenderError) -> OpaquePointer {
        let document: OpaquePointer
        do {
            document = try PDFTextExtractor.open(data)
        } catch {
            throw .unreadable(error)
        }
        let count = Int(poppler_document_get_n_pages(document))
        guard count <= PDFTextExtractor.maximumPages else {
            g_object_unref(UnsafeMutableRawPointer(document))
            throw .unreadable(.tooManyPages(count: count, limit: PDFTextExtractor.maximumPages))
        }
        return document
    }

    /// Cairo's PNG writer, collecting the bytes it streams out.
    private static func encode(_ surface: OpaquePointer) throws(RenderError) -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS, !sink.data.isEmpty else { throw .renderingFailed }
        return sink.data
    }
}

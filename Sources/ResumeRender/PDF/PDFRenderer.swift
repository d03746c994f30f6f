import CPangoCairo
import Foundation

/// Draws a laid-out resume into a PDF with cairo: real text (selectable,
/// searchable), subset fonts embedded by cairo, one `cairo_show_page` per page.
enum PDFRenderer {
    static func render(_ document: ResumeDocument, options: ExportOptions, theme: PDFTheme = .standard) throws(RenderError) -> Data {
        let engine = PDFLayoutEngine(theme: theme, pageSize: options.pageSize, margin: options.marginPoints)
        let layout = try engine.layOut(document)
        let sink = PDFByteSink()
        try withExtendedLifetime(sink) { () throws(RenderError) in
            try draw(layout, engine: engine, title: document.personName, into: sink)
        }
        return sink.data
    }

    private static func draw(_ layout: PDFLayoutEngine.Result, engine: PDFLayoutEngine, title: String?,
                             into sink: PDFByteSink) throws(RenderError) {
        let size = engine.pageSize.points
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, closure, size.width, size.height) else {
            throw RenderError.pdfRenderingFailed("cannot create PDF surface")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        setMetadata(on: surface, title: title)

        guard let cr = cairo_create(surface) else { throw RenderError.pdfRenderingFailed("cannot create cairo context") }
        defer { cairo_destroy(cr) }
        PageDrawer(cr: cr, layout: layout, theme: engine.theme, margin: engine.margin, contentWidth: engine.contentWidth)
            .drawAllPages()
        try check(cairo_status(cr))
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
    }

    private static func setMetadata(on surface: OpaquePointer, title: String?) {
        let documentTitle = title.map { "\($0) — Resume" } ?? "Resume"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, documentTitle)
        if let title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, title) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Resume Agent")
    }

    private static func check(_ status: cairo_status_t) throws(RenderError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.pdfRenderingFailed(String(cString: cairo_status_to_string(status)))
        }
    }
}

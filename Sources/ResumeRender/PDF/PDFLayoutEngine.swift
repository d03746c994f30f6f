import CPangoCairo

/// Measures a resume with Pango and assigns every line to a page.
///
/// Measuring uses a Pango context with unhinted metrics at 72 dpi, so one
/// unit is one PDF point and the result does not depend on the surface; the
/// same layouts are then drawn by ``PDFRenderer``.
final class PDFLayoutEngine {
    /// The finished layout: items, their Pango layouts and line placements.
    struct Result {
        var items: [LayoutItem]
        var layouts: [TextLayout]
        /// Marker (bullet/number) layouts, by item index.
        var markers: [Int: TextLayout]
        var placements: [Paginator.Placement]
        var pageCount: Int
    }

    let theme: PDFTheme
    let pageSize: PageSize
    let margin: Double

    init(theme: PDFTheme, pageSize: PageSize, margin: Double) {
        self.theme = theme
        self.pageSize = pageSize
        self.margin = margin
    }

    var contentWidth: Double { pageSize.points.width - 2 * margin }
    var contentHeight: Double { pageSize.points.height - 2 * margin }

    func layOut(_ document: ResumeDocument) throws(RenderError) -> Result {
        let context = try makeContext()
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        let items = LayoutItemBuilder(theme: theme).items(for: document)
        let layouts = items.map { item in
            TextLayout(context: context, markup: item.markup, style: item.style,
                       width: contentWidth - item.indent, lineSpacing: theme.lineSpacing)
        }
        var markers: [Int: TextLayout] = [:]
        for (index, item) in items.enumerated() {
            guard let marker = item.marker else { continue }
            markers[index] = TextLayout(context: context, markup: TextEscaping.pangoMarkup(marker), style: item.style,
                                        width: theme.bulletHang + theme.nestedIndent, lineSpacing: theme.lineSpacing)
        }
        let paginatorItems = zip(items, layouts).map { item, layout in
            Paginator.Item(spaceBefore: item.spaceBefore, lineHeights: layout.lines.map(\.height),
                           paddingBelow: item.paddingBelow, keepWithNext: item.keepWithNext)
        }
        let placements = Paginator(pageHeight: contentHeight).paginate(paginatorItems)
        return Result(items: items, layouts: layouts, markers: markers, placements: placements,
                      pageCount: Paginator.pageCount(placements))
    }

    /// A context on this thread's default font map (Pango keeps one per
    /// thread, so concurrent exports on other threads do not share it).
    private func makeContext() throws(RenderError) -> OpaquePointer {
        guard let fontMap = pango_cairo_font_map_get_default(),
              let context = pango_font_map_create_context(fontMap) else {
            throw RenderError.pdfRenderingFailed("no Pango font map")
        }
        pango_cairo_context_set_resolution(context, 72)
        if let options = cairo_font_options_create() {
            defer { cairo_font_options_destroy(options) }
            // PDF text is vector: unhinted metrics keep spacing true to the font.
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            pango_cairo_context_set_font_options(context, options)
        }
        return context
    }
}

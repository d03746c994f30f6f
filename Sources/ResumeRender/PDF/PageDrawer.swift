import CPangoCairo

/// Draws placed lines, markers and rules page by page.
struct PageDrawer {
    let cr: OpaquePointer
    let layout: PDFLayoutEngine.Result
    let theme: PDFTheme
    let margin: Double
    let contentWidth: Double

    func drawAllPages() {
        var placements = layout.placements[...]
        for page in 0..<layout.pageCount {
            let onPage = placements.prefix { $0.page == page }
            onPage.forEach(draw)
            placements = placements.dropFirst(onPage.count)
            cairo_show_page(cr)
        }
    }

    private func draw(_ placement: Paginator.Placement) {
        let item = layout.items[placement.item]
        let text = layout.layouts[placement.item]
        let line = text.lines[placement.line]
        let top = margin + placement.y
        if item.isRuleOnly {
            drawRule(atY: top + line.height / 2, from: margin + item.indent)
            return
        }
        setColor(item.style.color)
        cairo_move_to(cr, margin + item.indent + line.x, top + line.baseline)
        if let pangoLine = text.line(at: placement.line) { pango_cairo_show_layout_line(cr, pangoLine) }
        if placement.line == 0, let marker = layout.markers[placement.item] {
            drawMarker(marker, rightEdge: margin + item.indent - theme.markerGap, baseline: top + line.baseline)
        }
        if item.ruleBelow, placement.line == text.lines.count - 1 {
            drawRule(atY: top + line.height + theme.sectionRuleGap, from: margin + item.indent)
        }
    }

    /// Markers are right-aligned against the text so `•`, `9.` and `10.`
    /// all end the same distance from it: a hanging indent.
    private func drawMarker(_ marker: TextLayout, rightEdge: Double, baseline: Double) {
        guard let first = marker.lines.first, let pangoLine = marker.line(at: 0) else { return }
        cairo_move_to(cr, rightEdge - first.width, baseline)
        pango_cairo_show_layout_line(cr, pangoLine)
    }

    private func drawRule(atY y: Double, from x: Double) {
        cairo_save(cr)
        setColor(theme.ruleColor)
        cairo_set_line_width(cr, theme.ruleWidth)
        cairo_move_to(cr, x, y)
        cairo_line_to(cr, margin + contentWidth, y)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    private func setColor(_ color: PDFTheme.Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    }
}

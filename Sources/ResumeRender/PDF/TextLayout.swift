import CPangoCairo

/// One Pango layout and its measured lines. Owns the `PangoLayout` and
/// releases it in `deinit`, so no early return can leak it.
final class TextLayout {
    /// A laid-out line, in points relative to the layout's top-left corner.
    struct Line {
        var top: Double
        var height: Double
        var baseline: Double
        var x: Double
        var width: Double
    }

    let layout: OpaquePointer
    private(set) var lines: [Line] = []

    /// Lays out `markup` at `width` points. Markup Pango rejects (it should
    /// not happen: all text is escaped) falls back to showing it as text.
    init(context: OpaquePointer, markup: String, style: LayoutItem.TextStyle, width: Double, lineSpacing: Double) {
        layout = pango_layout_new(context)
        pango_layout_set_width(layout, Int32(max(width, 1) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_line_spacing(layout, Float(lineSpacing))
        pango_layout_set_alignment(layout, style.alignment == .center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        applyFont(style)
        applyMarkup(markup)
        lines = Self.measureLines(of: layout)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// The layout line at `index` (owned by the layout; valid while it lives).
    func line(at index: Int) -> UnsafeMutablePointer<PangoLayoutLine>? {
        pango_layout_get_line_readonly(layout, Int32(index))
    }

    private func applyFont(_ style: LayoutItem.TextStyle) {
        guard let font = pango_font_description_new() else { return }
        defer { pango_font_description_free(font) }
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_size(font, Int32(style.size * Double(PANGO_SCALE)))
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, font)
    }

    /// Parses the markup ourselves (instead of `pango_layout_set_markup`) to
    /// see failures, and turns off hyphen insertion: a hyphen added inside a
    /// wrapped URL or name would change the text a reader copies.
    private func applyMarkup(_ markup: String) {
        var attributes: OpaquePointer?
        var text: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<GError>?
        let parsed = pango_parse_markup(markup, -1, 0, &attributes, &text, nil, &error) != 0
        defer {
            if let error { g_error_free(error) }
            if let text { g_free(text) }
            if let attributes { pango_attr_list_unref(attributes) }
        }
        if parsed, let text {
            pango_layout_set_text(layout, text, -1)
            if let attributes {
                pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(0))
                pango_layout_set_attributes(layout, attributes)
            }
        } else {
            pango_layout_set_text(layout, markup, -1)
            disableHyphens()
        }
    }

    private func disableHyphens() {
        guard let attributes = pango_attr_list_new() else { return }
        defer { pango_attr_list_unref(attributes) }
        pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(0))
        pango_layout_set_attributes(layout, attributes)
    }

    private static func measureLines(of layout: OpaquePointer) -> [Line] {
        guard let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        let scale = Double(PANGO_SCALE)
        var lines: [Line] = []
        repeat {
            var top: Int32 = 0
            var bottom: Int32 = 0
            var logical = PangoRectangle()
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = pango_layout_iter_get_baseline(iterator)
            lines.append(Line(
                top: Double(top) / scale,
                height: Double(bottom - top) / scale,
                baseline: Double(baseline - top) / scale,
                x: Double(logical.x) / scale,
                width: Double(logical.width) / scale
            ))
        } while pango_layout_iter_next_line(iterator) != 0
        return lines
    }
}

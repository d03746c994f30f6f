/// One paragraph-like thing to set on the page: a heading, a paragraph, one
/// list item's text, a code block or a horizontal rule.
///
/// Items are flat: nesting is expressed by `indent`, so measurement,
/// pagination and drawing stay simple loops.
struct LayoutItem: Sendable, Equatable {
    enum Alignment: Sendable, Equatable {
        case left
        case center
    }

    struct TextStyle: Sendable, Equatable {
        var family: String
        var size: Double
        var bold = false
        var color: PDFTheme.Color
        var alignment: Alignment = .left
    }

    /// Pango markup (already escaped). Empty for a rule.
    var markup: String
    var style: TextStyle
    /// Left offset of the text from the content box, in points.
    var indent: Double = 0
    /// Bullet or number drawn in the hanging indent, left of `indent`.
    var marker: String?
    /// Vertical space before the item, dropped at the top of a page.
    var spaceBefore: Double = 0
    /// Space after the last line, kept on the same page as that line.
    var paddingBelow: Double = 0
    /// Never end a page after this item: it moves to the next page together
    /// with the first lines of whatever follows (headings, date lines).
    var keepWithNext = false
    /// Draw a horizontal rule under the item (section headings).
    var ruleBelow = false
    /// The item is only a rule (Markdown `---`): no text is drawn.
    var isRuleOnly = false
}

/// One line of a document as an importer saw it, before any resume structure is known.
///
/// Every format is reduced to these: Markdown gives exact roles (`#`, `##`, `-`), DOCX gives
/// paragraph styles and run formatting, PDF gives font size and weight, plain text gives only
/// the text. ``StructureRecognizer`` builds a ``Resume`` from them using whichever cues exist.
struct SourceLine: Sendable, Equatable {
    enum Role: Sendable, Equatable {
        /// The document title (DOCX "Title", Markdown `#`).
        case title
        /// A heading of a level (1 = section, 2 = entry header).
        case heading(Int)
        /// A list item; `text` holds no bullet glyph.
        case listItem
        /// Body text, or a line whose role the format could not tell.
        case text
    }

    var text: String
    var role: Role
    /// Every character is bold.
    var isBold: Bool
    /// Every character is italic.
    var isItalic: Bool
    /// Font size relative to the document's body text (1 = body), when the format has sizes.
    var relativeSize: Double?
    /// Set by layout as a sub-heading (larger than body text, smaller than section headings):
    /// over entries that already name title and organisation it only groups them.
    var isSubheading = false

    init(_ text: String, role: Role = .text, isBold: Bool = false, isItalic: Bool = false, relativeSize: Double? = nil) {
        self.text = text
        self.role = role
        self.isBold = isBold
        self.isItalic = isItalic
        self.relativeSize = relativeSize
    }

    /// Turns a leading bullet glyph ("• ", "– ", "") into the `.listItem` role.
    func normalizingBullet() -> SourceLine {
        guard role == .text || role == .listItem, let stripped = BulletGlyphs.strip(text) else { return self }
        var copy = self
        copy.text = stripped
        copy.role = .listItem
        return copy
    }
}

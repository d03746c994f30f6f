/// One block of a resume: what every renderer (HTML, PDF, DOCX, Markdown) walks.
enum Block: Sendable, Equatable {
    /// `level` is 1...6; level 1 is the person's name in the canonical resume.
    case heading(level: Int, content: [Inline])
    case paragraph([Inline])
    case list(ListBlock)
    /// Preformatted text, kept line for line.
    case code(String)
    case quote([Block])
    case rule
}

/// A bullet or numbered list; items may contain nested lists.
struct ListBlock: Sendable, Equatable {
    var ordered: Bool
    /// First number of an ordered list (Markdown allows `3.` to start at 3).
    var start: Int
    var items: [ListItem]
}

/// One list item: usually a single paragraph, possibly followed by nested blocks.
struct ListItem: Sendable, Equatable {
    var blocks: [Block]
}

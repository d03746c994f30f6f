import Foundation

/// A parsed resume: the block model shared by every renderer.
struct ResumeDocument: Sendable, Equatable {
    var blocks: [Block]

    /// Parses Markdown with cmark-gfm; see ``MarkdownParser``.
    init(markdown: String) {
        self.blocks = MarkdownParser.parse(markdown)
    }

    init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// The person's name: the text of the first level-1 heading, if any.
    var personName: String? {
        for case .heading(1, let content) in blocks {
            let name = content.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        return nil
    }
}

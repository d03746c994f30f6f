/// Reads resumes from text.
public enum ResumeParser {
    /// Reads Markdown: the canonical form ``Resume/markdown`` writes, and reasonable hand-written
    /// Markdown (any heading levels, `*`/`-`/numbered lists, hard-wrapped paragraphs, section
    /// names in several languages).
    public static func parse(markdown: String) -> Resume {
        StructureRecognizer.recognize(MarkdownLineReader.lines(markdown))
    }

    /// Reads plain text, such as text pasted from a word processor or a PDF: headings by name
    /// or ALL CAPS, bullets by glyph, dates by their many spellings.
    public static func parse(plainText: String) -> Resume {
        StructureRecognizer.recognize(PlainTextLineReader.lines(plainText))
    }
}

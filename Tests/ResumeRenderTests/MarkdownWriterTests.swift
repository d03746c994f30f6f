import Testing
@testable import ResumeRender

@Suite struct MarkdownWriterTests {
    @Test(arguments: Fixtures.resumeNames)
    func fixtureRoundTripsThroughNormalisedMarkdown(name: String) throws {
        let original = ResumeDocument(markdown: try Fixtures.resume(name))
        let normalised = MarkdownWriter.markdown(original)
        #expect(ResumeDocument(markdown: normalised) == original)
        #expect(MarkdownWriter.markdown(ResumeDocument(markdown: normalised)) == normalised)
    }

    @Test(arguments: [
        "1. Not a list, just a sentence that starts with a year-like number",
        "C# & F# and AT&T, but &amp; is literal: \\&amp;",
        "snake_case, _underscored_, 2 * 3 * 4, a [bracket] and <angle>",
        "Code: `` a`b `` and `x`",
        "Line one\\\nline two",
        "[Link (with parens)](https://example.com/a_(b)?q=1&r=2)",
        "# Title\n\n## Section\n\n### Entry\n\n- one\n  - nested\n- two\n\n3. three\n4. four",
        "> quoted **text**\n\n---\n\n```\ncode ``` block\n```",
        "\\# not a heading\n\n\\- not a bullet\n\n\\+ nor this",
        "José Müller-Øyen · 東京大学 工学部",
        "<script>alert(1)</script>",
    ])
    func trickyMarkdownRoundTrips(markdown: String) {
        let original = ResumeDocument(markdown: markdown)
        let rewritten = MarkdownWriter.markdown(original)
        #expect(ResumeDocument(markdown: rewritten) == original, "normalised: \(rewritten)")
    }

    @Test func writesCanonicalShape() {
        let markdown = MarkdownWriter.markdown(ResumeDocument(markdown: "# Name\nContact\n## Skills\n* Go\n* SQL\n"))
        #expect(markdown == "# Name\n\nContact\n\n## Skills\n\n- Go\n- SQL\n")
    }
}

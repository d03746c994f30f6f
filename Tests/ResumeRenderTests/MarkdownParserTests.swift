import Testing
@testable import ResumeRender

@Suite struct MarkdownParserTests {
    @Test func parsesCanonicalResumeStructure() {
        let document = ResumeDocument(markdown: """
        # Alex Chen

        Seattle · alex@example.com

        ## Experience

        ### Engineer — Parcelwise
        *2021 – Present*

        - Built **fast** things with `Go`.
          - Nested detail.
        """)
        #expect(document.blocks == [
            .heading(level: 1, content: [.text("Alex Chen")]),
            .paragraph([.text("Seattle · alex@example.com")]),
            .heading(level: 2, content: [.text("Experience")]),
            .heading(level: 3, content: [.text("Engineer — Parcelwise")]),
            .paragraph([.emphasis([.text("2021 – Present")])]),
            .list(ListBlock(ordered: false, start: 1, items: [
                ListItem(blocks: [
                    .paragraph([.text("Built "), .strong([.text("fast")]), .text(" things with "), .code("Go"), .text(".")]),
                    .list(ListBlock(ordered: false, start: 1, items: [ListItem(blocks: [.paragraph([.text("Nested detail.")])])])),
                ]),
            ])),
        ])
        #expect(document.personName == "Alex Chen")
    }

    @Test func rolesClassifyNameContactSectionsEntriesAndDates() {
        let document = ResumeDocument(markdown: "# N\n\ncontact\n\n## S\n\n### E\n\nDates\n\n- a\n\nBody text\n")
        #expect(BlockRole.roles(for: document.blocks) == [.name, .contact, .section, .entry(level: 3), .entryMeta, .body, .body])
    }

    @Test func rawHTMLBecomesLiteralText() {
        let document = ResumeDocument(markdown: "<script>alert(1)</script>\n\nHi <b>there</b>\n")
        #expect(document.blocks == [
            .paragraph([.text("<script>alert(1)</script>")]),
            .paragraph([.text("Hi <b>there</b>")]),
        ])
    }

    @Test func multiLineHTMLBlockKeepsItsLines() {
        let document = ResumeDocument(markdown: "<div>\n<script>x()</script>\n</div>\n")
        #expect(document.blocks == [
            .paragraph([.text("<div>"), .lineBreak, .text("<script>x()</script>"), .lineBreak, .text("</div>")]),
        ])
        #expect(ResumeDocument(markdown: MarkdownWriter.markdown(document)) == document)
    }

    @Test func imagesBecomeAltTextAndLinksKeepDestination() {
        let document = ResumeDocument(markdown: "![logo](http://tracker.example/x.png) [site](https://example.com)")
        #expect(document.blocks == [
            .paragraph([.text("logo "), .link(destination: "https://example.com", content: [.text("site")])]),
        ])
    }

    @Test func orderedListKeepsStartNumber() {
        let document = ResumeDocument(markdown: "3. three\n4. four\n")
        guard case .list(let list) = document.blocks.first else {
            Issue.record("expected a list")
            return
        }
        #expect(list.ordered && list.start == 3 && list.items.count == 2)
    }

    @Test(arguments: [
        String(repeating: "> ", count: 5_000) + "deep",
        (0..<400).map { String(repeating: "  ", count: $0) + "- level" }.joined(separator: "\n"),
        String(repeating: "*", count: 20_000) + "x" + String(repeating: "*", count: 20_000),
        String(repeating: "[", count: 10_000) + "x" + String(repeating: "](u)", count: 10_000),
    ])
    func hostileNestingIsFlattenedNotCrashing(markdown: String) {
        let document = ResumeDocument(markdown: markdown)
        #expect(depth(of: document.blocks) <= MarkdownParser.maxBlockDepth + 2)
    }

    private func depth(of blocks: [Block]) -> Int {
        blocks.map { block -> Int in
            switch block {
            case .quote(let children): 1 + depth(of: children)
            case .list(let list): 1 + (list.items.map { depth(of: $0.blocks) }.max() ?? 0)
            default: 1
            }
        }.max() ?? 0
    }
}

import Testing
@testable import TailorCLI

@Suite struct TerminalStyleTests {
    struct Case: Sendable {
        let flag: Bool
        let environment: [String: String]
        let terminal: Bool
        let coloured: Bool
    }

    @Test(arguments: [
        Case(flag: false, environment: [:], terminal: true, coloured: true),
        Case(flag: false, environment: ["NO_COLOR": ""], terminal: true, coloured: true),
        Case(flag: false, environment: [:], terminal: false, coloured: false),
        Case(flag: true, environment: [:], terminal: true, coloured: false),
        Case(flag: false, environment: ["NO_COLOR": "1"], terminal: true, coloured: false),
        Case(flag: false, environment: ["TERM": "dumb"], terminal: true, coloured: false),
    ])
    func colourOnlyOnATerminalWithoutNoColor(c: Case) {
        let style = TerminalStyle.detect(noColorFlag: c.flag, environment: c.environment, outputIsTerminal: c.terminal)
        #expect(style.isEnabled == c.coloured)
    }

    static let diff = """
        --- a/resume.md
        +++ b/resume.md
        @@ -1,2 +1,2 @@
         same
        -old
        +new

        """

    @Test func diffLinesAreColouredBySide() {
        let rendered = DiffPrinter(style: .ansi).render(Self.diff)
        #expect(rendered.contains("\u{1B}[1m--- a/resume.md\u{1B}[0m\n"))
        #expect(rendered.contains("\u{1B}[36m@@ -1,2 +1,2 @@\u{1B}[0m\n"))
        #expect(rendered.contains("\n same\n"))
        #expect(rendered.contains("\u{1B}[31m-old\u{1B}[0m\n"))
        #expect(rendered.contains("\u{1B}[32m+new\u{1B}[0m\n"))
    }

    @Test func plainDiffIsTheDiffItself() {
        #expect(DiffPrinter(style: .plain).render(Self.diff) == Self.diff)
    }

    @Test func flowOutputHasNoEscapesWhenPlainAndColoursDiffsWhenAnsi() async throws {
        for style in [TerminalStyle.plain, .ansi] {
            let out = try TemporaryDirectory()
            let options = TailorOptions.fixture(resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.path)
            let harness = FlowHarness(options, answers: ["n", "y"], style: style, proposals: InventedClaimSource(position: 0))
            _ = try await harness.flow.tailor()
            let printed = harness.output.text
            if style.isEnabled {
                #expect(printed.contains("\u{1B}[31m-"))
                #expect(printed.contains("\u{1B}[32m+"))
                #expect(printed.contains("\u{1B}[36m@@"))
                #expect(printed.contains("\u{1B}[1;37;41m ⚠ TRUTHFULNESS WARNING"))
            } else {
                #expect(!printed.contains("\u{1B}"))
                #expect(printed.contains("\n-"))
                #expect(printed.contains("\n+"))
            }
        }
    }
}

import IPC
import Providers
import Testing
@testable import RunWorker

@Suite struct ToolingTests {
    static let schema = ToolSchema.object(
        ["path": ToolSchema.string("p", minLength: 1), "format": ToolSchema.enumeration(["pdf", "md"], "f")], required: ["path"])

    @Test func schemaAcceptsConformingArguments() {
        #expect(SchemaValidator.violations(of: ["path": "a.md", "format": "pdf"], against: Self.schema).isEmpty)
    }

    static let violationCases: [(JSONValue, String)] = [
        (.array([]), "expected object"),
        (["format": "pdf"], "missing required field \"path\""),
        (["path": ""], "must not be empty"),
        (["path": .null], "expected string, got null"),
        (["path": "a", "format": "doc"], "must be one of \"pdf\", \"md\""),
        (["path": "a", "extra": 1], "unknown field \"extra\""),
    ]

    @Test(arguments: violationCases)
    func schemaNamesEveryViolation(_ arguments: JSONValue, _ expected: String) {
        let problems = SchemaValidator.violations(of: arguments, against: Self.schema)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func everyToolSchemaIsAClosedObject() {
        for spec in ToolRegistry.standard.specs {
            #expect(spec.parameters["type"] == "object")
            #expect(spec.parameters["additionalProperties"] == false)
            #expect(!spec.description.isEmpty)
        }
        #expect(Set(ToolRegistry.standard.specs.map(\.name)) == [
            "list_files", "read_file", "read_resume", "read_job_description", "analyze_gap", "propose_resume_edit",
            "write_file", "render_preview", "export_resume",
        ])
    }

    @Test func replacingRequiresAUniquePassage() throws {
        #expect(try ResumeEdit.replacing("b", with: "B", in: "a\nb\nc") == "a\nB\nc")
        #expect(throws: ToolError.self) { try ResumeEdit.replacing("x", with: "y", in: "x x") }
        #expect(throws: ToolError.self) { try ResumeEdit.replacing("z", with: "y", in: "abc") }
        #expect(try ResumeEdit.replacing("a\nb", with: "b\na", in: "a\r\nb\r\n") == "b\r\na\r\n")
    }

    @Test func sectionReplacementKeepsTheNextHeading() throws {
        let text = "# N\n\n## Skills\n\nGo\n\n## Education\n\nBSc\n"
        #expect(try ResumeEdit.replacingSection("Skills", with: "Python, Go", in: text) == "# N\n\n## Skills\n\nPython, Go\n\n## Education\n\nBSc\n")
        #expect(throws: ToolError.self) { try ResumeEdit.replacingSection("Hobbies", with: "x", in: text) }
    }

    @Test(arguments: ["", "one", "Hello, world. This is a longer sentence with several words in it.\n\nAnd a second paragraph."])
    func textChunksJoinBackToTheText(_ text: String) {
        let chunks = TextChunks.split(text)
        #expect(chunks.joined() == text)
        #expect(chunks.allSatisfy { $0.count <= TextChunks.targetLength + 20 })
    }

    @Test(arguments: [
        ("Tailor my resume", LocalIntent.tailor), ("analyse the gap", .analyze), ("Analiza mi currículum", .analyze),
        ("Bitte überarbeite meinen Lebenslauf", .tailor), ("export as DOCX", .export(format: .docx)), ("download it in Word", .export(format: .docx)),
        ("export as markdown", .export(format: .md)), ("export it", .export(format: .pdf)), ("hello", .help),
    ])
    func intentsAreReadFromTheMessage(_ message: String, _ intent: LocalIntent) {
        #expect(LocalIntent(message: message) == intent)
    }

    @Test func truthFlagsSkipLinesAlreadyInTheCurrentResume() {
        let original = "# A\n\n## Skills\n\nGo\n"
        let current = "# A\n\n## Skills\n\nGo, Kubernetes\n"
        let proposed = "# A\n\n## Skills\n\nGo, Kubernetes\n\n## Summary\n\nUses Terraform.\n"
        let flags = TruthCheck.flags(proposed: proposed, current: current, original: original)
        #expect(flags.map(\.claim).contains("Terraform"))
        #expect(!flags.map(\.claim).contains("Kubernetes"))
    }
}

@Suite struct AgentProgressTests {
    /// The saved state crosses the real frame codec (snake_case keys both ways) unchanged.
    @Test func aCheckpointSurvivesTheFramesUnchanged() throws {
        var progress = AgentProgress(
            conversation: [
                .user("Tailor my resume"),
                .assistant(text: "Looking.", toolCalls: [Providers.ToolCall(id: "call_1", name: "propose_resume_edit", arguments: #"{"old_text":"Go","new_text":"Go, Rust"}"#)]),
                .toolResult(Providers.ToolResult(callID: "call_0", name: "read_resume", content: "# A", status: .ok)),
            ],
            provider: "openai", model: "gpt-4o-mini", remainingBudgetUSD: 0.42)
        progress.summary.turns = 2
        progress.queued = [Providers.ToolCall(id: "call_2", name: "read_file", arguments: #"{"path":"jd.md"}"#)]
        progress.awaiting = .init(
            call: Providers.ToolCall(id: "call_1", name: "propose_resume_edit", arguments: "{}"), toolCallId: "tc_0011223344556677",
            plan: ToolPlan(diff: "@@", base: "Go", newContent: "Go, Rust", target: "resume.md"))
        let codec = MessageCodec()
        let end = RunEnd(runId: "run_1", outcome: .suspended, checkpoint: try progress.checkpoint())
        var frame = try codec.frame(.runEnd(end))
        frame.moveReaderIndex(forwardBy: 4)
        guard case .runEnd(let decoded) = try codec.decode(frame) else { Issue.record("not a run end"); return }
        #expect(try AgentProgress(checkpoint: try #require(decoded.checkpoint)) == progress)
        #expect(throws: AgentLoopError.unreadableCheckpoint) { try AgentProgress(checkpoint: .string("{}")) }
    }
}

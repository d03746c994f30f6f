import Providers

/// `read_resume`: the canonical, editable `resume.md`.
struct ReadResumeTool: AgentTool {
    static let path = "resume.md"

    let spec = ToolDefinition(
        name: "read_resume",
        description: "Read the current resume (resume.md, Markdown). Edits must quote it exactly.",
        parameters: ToolSchema.object())

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let content = try await context.read(Self.path, missing: "the user has not uploaded a resume yet")
        return FileContent.output(path: Self.path, content: content)
    }
}

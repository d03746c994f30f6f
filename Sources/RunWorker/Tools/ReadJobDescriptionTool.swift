import Providers

/// `read_job_description`: the target job, `jd.md`.
struct ReadJobDescriptionTool: AgentTool {
    static let path = "jd.md"

    let spec = ToolDefinition(
        name: "read_job_description",
        description: "Read the target job description (jd.md).",
        parameters: ToolSchema.object())

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let content = try await context.read(Self.path, missing: "the user has not provided a job description yet")
        return FileContent.output(path: Self.path, content: content)
    }
}

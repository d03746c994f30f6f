import Providers

/// `render_preview`: refreshes `preview/resume.html` from `resume.md`.
struct RenderPreviewTool: AgentTool {
    let spec = ToolDefinition(
        name: "render_preview",
        description: "Render resume.md into the live HTML preview (preview/resume.html).",
        parameters: ToolSchema.object())

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let resume = try await context.read(ReadResumeTool.path, missing: "the user has not uploaded a resume yet")
        try await PreviewRefresh.write(markdown: resume, context: context)
        return ToolOutput(summary: "Rendered \(PreviewRefresh.path).")
    }
}

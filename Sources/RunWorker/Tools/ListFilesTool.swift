import Providers

/// `list_files`: what is in the session workspace.
struct ListFilesTool: AgentTool {
    let spec = ToolDefinition(
        name: "list_files",
        description: "List the files in the session workspace (path, size, type).",
        parameters: ToolSchema.object())

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let files = try await context.list().sorted { $0.path < $1.path }
        guard !files.isEmpty else { return ToolOutput(summary: "The workspace is empty.") }
        let lines = files.map { "\($0.path) (\($0.size) bytes, \($0.contentType))" }
        return ToolOutput(summary: "\(files.count) file(s) in the workspace.", content: lines.joined(separator: "\n"))
    }
}

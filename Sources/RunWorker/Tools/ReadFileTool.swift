import Providers

/// `read_file`: any text file of the workspace. The gateway checks the path.
struct ReadFileTool: AgentTool {
    let spec = ToolDefinition(
        name: "read_file",
        description: "Read a text file of the session workspace, by its path relative to the workspace (e.g. analysis/gap.md).",
        parameters: ToolSchema.object(
            ["path": ToolSchema.string("Path relative to the workspace root.", minLength: 1, maxLength: 512)],
            required: ["path"]))

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let path = try arguments.string("path")
        let content = try await context.read(path)
        return FileContent.output(path: path, content: content)
    }
}

/// How file content is handed to the model: whole, or cut at a limit with a note saying so.
enum FileContent {
    static func output(path: String, content: String) -> ToolOutput {
        let summary = "Read \(path) (\(content.utf8.count) bytes)."
        guard content.count > ToolContext.maxReadCharacters else { return ToolOutput(summary: summary, content: content) }
        let cut = String(content.prefix(ToolContext.maxReadCharacters))
        return ToolOutput(summary: summary, content: cut + "\n\n[… cut at \(ToolContext.maxReadCharacters) characters]")
    }
}

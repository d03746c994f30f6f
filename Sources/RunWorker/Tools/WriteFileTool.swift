import ResumeMatch
import Providers

/// `write_file`: creates or replaces a workspace text file, after approval. Writing `resume.md`
/// this way is checked for truthfulness exactly like `propose_resume_edit`, so it is no way
/// around the guard.
struct WriteFileTool: AgentTool {
    let spec = ToolDefinition(
        name: "write_file",
        description: "Create or replace a text file in the workspace (the user approves the diff first). Prefer "
            + "propose_resume_edit for changes to resume.md.",
        parameters: ToolSchema.object(
            [
                "path": ToolSchema.string("Path relative to the workspace root.", minLength: 1, maxLength: 512),
                "content": ToolSchema.string("The complete new file content.", maxLength: 1_000_000),
            ],
            required: ["path", "content"]))

    var requiresApproval: Bool { true }

    func plan(_ arguments: ToolArguments, context: ToolContext) async throws -> ToolPlan {
        let path = try Self.checkedPath(try arguments.string("path"))
        let content = try arguments.string("content")
        let current = try await context.readIfPresent(path) ?? ""
        var plan = ToolPlan(
            diff: UnifiedDiff.make(from: current, to: content, oldPath: "a/\(path)", newPath: "b/\(path)"),
            base: current, newContent: content, target: path)
        if path == ReadResumeTool.path {
            let original = try await TruthCheck.original(context: context, current: current)
            plan.truthFlags = TruthCheck.flags(proposed: content, current: current, original: original)
        }
        return plan
    }

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        let path = try Self.checkedPath(try arguments.string("path"))
        let content = plan.newContent ?? ""
        let current = try await context.readIfPresent(path) ?? ""
        guard current == plan.base else {
            throw ToolError("\(path) changed while the write waited for approval; read it again and retry")
        }
        try await context.write(path, content: content)
        if path == ReadResumeTool.path { try await PreviewRefresh.write(markdown: content, context: context) }
        return ToolOutput(summary: "Wrote \(path) (\(content.utf8.count) bytes).")
    }

    /// A first, friendly check; the gateway is the authority on paths and checks again.
    static func checkedPath(_ path: String) throws(ToolError) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\"),
              !parts.contains(".."), !parts.contains(""), !parts.contains(".") else {
            throw ToolError("path must be relative to the workspace, like notes/cover-letter.md (no leading /, no .. or empty parts)")
        }
        guard path != TruthCheck.originalPath else { throw ToolError("\(path) is the original upload and cannot be changed") }
        return path
    }
}

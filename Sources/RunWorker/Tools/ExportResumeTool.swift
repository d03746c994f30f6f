import ResumeRender
import Providers

/// `export_resume`: renders `resume.md` to `exports/resume.<ext>`; binary formats travel base64.
struct ExportResumeTool: AgentTool {
    let spec = ToolDefinition(
        name: "export_resume",
        description: "Export resume.md as PDF, DOCX, HTML or Markdown into exports/resume.<format>.",
        parameters: ToolSchema.object(
            [
                "format": ToolSchema.enumeration(ExportFormat.allCases.map(\.rawValue), "File format."),
                "page_size": ToolSchema.enumeration(PageSize.allCases.map(\.rawValue), "Paper size (default letter)."),
            ],
            required: ["format"]))

    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput {
        guard let format = ExportFormat(rawValue: try arguments.string("format")) else { throw ToolError("unknown format") }
        let pageSize = arguments.optionalString("page_size").flatMap(PageSize.init(rawValue:)) ?? .letter
        let resume = try await context.read(ReadResumeTool.path, missing: "the user has not uploaded a resume yet")
        let artifact: ExportArtifact
        do {
            artifact = try ResumeExporter.export(markdown: resume, format: format, options: ExportOptions(pageSize: pageSize))
        } catch {
            throw ToolError("the export failed: \(ExportFailure(error).message)")
        }
        let path = "exports/resume.\(format.fileExtension)"
                let content = format.isBinary ? artifact.data.base64EncodedString() : String(decoding: artifact.data, as: UTF8.self)
        try await context.write(path, content: content, base64: format.isBinary)
        return ToolOutput(summary: "Exported \(path) (\(artifact.data.count) bytes).")
    }
}

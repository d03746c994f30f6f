import Foundation
import IPC
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
        // Rendered by a document worker (this one links no renderer): the gateway runs the job.
        let end = try await context.channel.documentJob(.export(ExportRequest(markdown: resume, format: format, pageSize: pageSize)))
        guard end.outcome == .completed, let artifact = end.result(as: ExportRequest.Result.self) else {
            throw ToolError("the export failed: \(end.failure?.message ?? "the document worker did not answer")")
        }
        let path = "exports/resume.\(format.fileExtension)"
        let content: String
        if format.isBinary {
            content = artifact.dataBase64
        } else {
            guard let data = Data(base64Encoded: artifact.dataBase64) else { throw ToolError("the export failed: unreadable result") }
            content = String(decoding: data, as: UTF8.self)
        }
        try await context.write(path, content: content, base64: format.isBinary)
        return ToolOutput(summary: "Exported \(path) (\(artifact.size) bytes).")
    }
}

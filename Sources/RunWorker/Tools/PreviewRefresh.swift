import IPC

/// Re-renders `preview/resume.html` after the resume changed: the contract promises a live
/// preview refreshed after every applied change. The HTML comes from a document worker (the
/// gateway runs the job); this worker links no renderer.
enum PreviewRefresh {
    static let path = "preview/resume.html"

    static func write(markdown: String, context: ToolContext) async throws {
        let end = try await context.channel.documentJob(.renderPreview(RenderPreviewRequest(markdown: markdown)))
        guard end.outcome == .completed, let preview = end.result(as: RenderPreviewRequest.Result.self) else {
            throw ToolError("the preview could not be rendered: \(end.failure?.message ?? "the document worker did not answer")")
        }
        try await context.write(path, content: preview.html)
    }
}

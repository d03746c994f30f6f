import IPC
import ResumeRender

/// `render_preview`: `{"markdown"}` → `{"html"}`, the preview document.
enum RenderPreviewJob {
    static func run(_ input: JobInput) throws(JobFailure) -> JSONValue {
        let markdown = try input.string("markdown")
        guard markdown.utf8.count <= ResumeExporter.maxMarkdownBytes else {
            throw JobFailure(code: "resume_too_large", message: "The resume is too long to preview.", status: 400)
        }
        return ["html": .string(PreviewRenderer.html(markdown: markdown))]
    }
}

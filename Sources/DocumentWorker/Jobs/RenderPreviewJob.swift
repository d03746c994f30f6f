import IPC
import WorkerCore
import ResumeRender

/// `render_preview`: the preview document of `resume.md`.
enum RenderPreviewJob {
    static func run(_ request: RenderPreviewRequest) throws(JobFailure) -> RenderPreviewRequest.Result {
        guard request.markdown.utf8.count <= ResumeExporter.maxMarkdownBytes else {
            throw JobFailure(code: "resume_too_large", message: "The resume is too long to preview.", status: 400)
        }
        return RenderPreviewRequest.Result(html: PreviewRenderer.html(markdown: request.markdown))
    }
}

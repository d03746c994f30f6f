import ResumeRender

/// Re-renders `preview/resume.html` after the resume changed: the contract promises a live
/// preview refreshed after every applied change.
enum PreviewRefresh {
    static let path = "preview/resume.html"

    static func write(markdown: String, context: ToolContext) async throws {
        try await context.write(path, content: PreviewRenderer.html(markdown: markdown))
    }
}

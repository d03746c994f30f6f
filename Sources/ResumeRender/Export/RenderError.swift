/// Why an export failed. Input never crashes the renderer; it ends up here.
public enum RenderError: Error, Sendable, Equatable {
    /// The Markdown is larger than ``ResumeExporter/maxMarkdownBytes``.
    case inputTooLarge(bytes: Int, limit: Int)
    /// An option is out of range; the string names it.
    case invalidOption(String)
    /// cairo reported an error while producing the PDF (its status text).
    case pdfRenderingFailed(String)
    /// The DOCX package could not be assembled.
    case docxPackagingFailed(String)
}

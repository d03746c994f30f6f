/// Renders the resume preview the web UI shows in an iframe
/// (`preview/resume.html`).
public enum PreviewRenderer {
    /// A complete, self-contained HTML document for `markdown`: inline CSS,
    /// system fonts, print rules, no external requests, everything escaped
    /// (a resume containing `<script>` shows those characters as text).
    ///
    /// `options` only shapes the print stylesheet (page size, margins).
    public static func html(markdown: String, options: ExportOptions = ExportOptions()) -> String {
        let document = ResumeDocument(markdown: markdown)
        let title = document.personName.map { "\($0) — Resume preview" } ?? "Resume preview"
        return HTMLWriter.document(document, title: title, pageSize: options.pageSize, marginPoints: options.marginPoints)
    }
}

import Foundation

/// The one entry point for turning a resume's Markdown into a file.
public enum ResumeExporter {
    /// Larger input is rejected before parsing: a resume is a few KiB, and
    /// layout time grows with length.
    public static let maxMarkdownBytes = 512 * 1024

    /// Renders `markdown` as `format`.
    ///
    /// - PDF: cairo + Pango, embedded fonts, page size and margins from `options`.
    /// - DOCX: an OOXML package with real heading styles and list numbering.
    /// - HTML: the self-contained preview document, titled for download.
    /// - Markdown: the resume re-written in normalised form.
    ///
    /// Synchronous and CPU-bound: call it off any event loop.
    public static func export(markdown: String, format: ExportFormat, options: ExportOptions = ExportOptions()) throws(RenderError) -> ExportArtifact {
        try validate(markdown: markdown, options: options)
        let document = ResumeDocument(markdown: markdown)
        let data = try render(document, format: format, options: options)
        return ExportArtifact(format: format, data: data, contentType: format.contentType,
                              fileName: fileName(for: document, format: format, options: options))
    }

    private static func validate(markdown: String, options: ExportOptions) throws(RenderError) {
        let bytes = markdown.utf8.count
        guard bytes <= maxMarkdownBytes else { throw .inputTooLarge(bytes: bytes, limit: maxMarkdownBytes) }
        guard ExportOptions.marginRange.contains(options.marginPoints) else {
            throw .invalidOption("marginPoints must be within \(ExportOptions.marginRange)")
        }
    }

    private static func render(_ document: ResumeDocument, format: ExportFormat, options: ExportOptions) throws(RenderError) -> Data {
        switch format {
        case .pdf:
            return try PDFRenderer.render(document, options: options)
        case .docx:
            return try DOCXWriter.package(document, options: options)
        case .html:
            let title = document.personName.map { "\($0) — Resume" } ?? "Resume"
            return Data(HTMLWriter.document(document, title: title, pageSize: options.pageSize,
                                            marginPoints: options.marginPoints).utf8)
        case .md:
            return Data(MarkdownWriter.markdown(document).utf8)
        }
    }

    private static func fileName(for document: ResumeDocument, format: ExportFormat, options: ExportOptions) -> String {
        let base = options.fileBaseName.map(FileNameSlug.slug) ?? document.personName.map { FileNameSlug.slug($0) + "-resume" }
        let safeBase = (base?.isEmpty == false ? base : nil) ?? "resume"
        return safeBase + "." + format.fileExtension
    }
}

import IPC
import ResumeRender

/// `export`: `{"markdown", "format": "pdf|docx|html|md", "page_size": "letter|a4"}` →
/// `{"data_base64", "content_type", "file_name", "size"}`.
enum ExportJob {
    static func run(_ input: JobInput) throws(JobFailure) -> JSONValue {
        let markdown = try input.string("markdown")
        let formatName = try input.string("format")
        guard let format = ExportFormat(rawValue: formatName.lowercased()) else {
            throw JobFailure(code: "invalid_format", message: "Unknown export format \"\(formatName)\"; use pdf, docx, html or md.", status: 400)
        }
        let pageSizeName = input.optionalString("page_size") ?? PageSize.letter.rawValue
        guard let pageSize = PageSize(rawValue: pageSizeName.lowercased()) else {
            throw JobFailure(code: "invalid_page_size", message: "Unknown page size \"\(pageSizeName)\"; use letter or a4.", status: 400)
        }
        let artifact: ExportArtifact
        do {
            artifact = try ResumeExporter.export(markdown: markdown, format: format, options: ExportOptions(pageSize: pageSize))
        } catch {
            let failure = ExportFailure(error)
            throw JobFailure(code: failure.code, message: failure.message, status: failure.status, reason: failure.isInternal ? "internal" : "invalid_input")
        }
        return [
            "data_base64": .string(artifact.data.base64EncodedString()),
            "content_type": .string(artifact.contentType),
            "file_name": .string(artifact.fileName),
            "size": .number(Double(artifact.data.count)),
        ]
    }
}

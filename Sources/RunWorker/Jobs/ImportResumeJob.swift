import Foundation
import IPC
import ResumeKit
import ResumeRender

/// `import_resume`: turns an uploaded file into the canonical `resume.md` and its preview. The
/// worker reads the staged upload itself, read-only (the gateway stored it there).
enum ImportResumeJob {
    static func run(_ request: ImportResumeRequest) throws(JobFailure) -> ImportResumeRequest.Result {
        let data = try StagedFile.read(request.path)
        let imported: ImportedResume
        do {
            imported = try ResumeImporter.import(data: data, filename: request.filename, declaredContentType: request.contentType)
        } catch {
            throw JobFailure(code: error.code, message: error.message, status: error.httpStatus)
        }
        return ImportResumeRequest.Result(
            markdown: imported.markdown,
            previewHtml: PreviewRenderer.html(markdown: imported.markdown),
            format: imported.format.rawValue,
            name: imported.resume.name.isEmpty ? nil : imported.resume.name,
            warnings: imported.warnings.map { .init(code: $0.code, message: $0.message) },
            report: reportValue(imported.report))
    }

    /// ResumeKit's `ImportReport` (columns found, unplaced blocks, confidence per section and
    /// overall, the same warnings) as a JSON value in its own Codable shape (snake_case keys),
    /// for `analysis/import.json` and step 1 of the web UI.
    private static func reportValue(_ report: ImportReport) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(report) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}

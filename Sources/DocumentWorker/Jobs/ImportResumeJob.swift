import Foundation
import IPC
import ResumeImport
import ResumeKit
import WorkerCore
import ResumeRender

/// `import_resume`: turns an uploaded file into the canonical `resume.md` and its preview. The
/// upload arrives as an open, read-only descriptor (the run's first input): the worker never
/// learns where the gateway keeps it, and its sandbox would not let it open the path anyway.
enum ImportResumeJob {
    static func run(_ request: ImportResumeRequest, input: PassedFile?) throws(JobFailure) -> ImportResumeRequest.Result {
        guard let input else {
            throw JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: .internal)
        }
        let data = try InputFile.read(input, limit: ResumeImporter.maximumFileBytes)
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

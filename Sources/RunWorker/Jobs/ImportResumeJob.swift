import Foundation
import IPC
import ResumeKit
import ResumeRender

/// `import_resume`: turns an uploaded file into the canonical `resume.md` and its preview.
///
/// Input `{"path": "/abs/upload", "filename": "cv.pdf", "content_type": "application/pdf"}`; the
/// worker reads `path` itself, read-only (the gateway stored the upload there). Result
/// `{"markdown", "preview_html", "format", "name", "warnings": [{"code", "message"}], "report": {…}}`;
/// `report` is ResumeKit's `ImportReport` (columns found, unplaced blocks, confidence per section
/// and overall, the same warnings), for `analysis/import.json` and step 1 of the web UI.
enum ImportResumeJob {
    static func run(_ input: JobInput) throws(JobFailure) -> JSONValue {
        let path = try input.string("path")
        let data = try read(path)
        let imported: ImportedResume
        do {
            imported = try ResumeImporter.import(
                data: data, filename: input.optionalString("filename"), declaredContentType: input.optionalString("content_type"))
        } catch {
            throw JobFailure(code: error.code, message: error.message, status: error.httpStatus)
        }
        return [
            "markdown": .string(imported.markdown),
            "preview_html": .string(PreviewRenderer.html(markdown: imported.markdown)),
            "format": .string(imported.format.rawValue),
            "name": imported.resume.name.isEmpty ? .null : .string(imported.resume.name),
            "warnings": .array(imported.warnings.map { ["code": .string($0.code), "message": .string($0.message)] }),
            "report": reportValue(imported.report),
        ]
    }

    /// The report as a JSON value, through its own Codable shape (snake_case keys).
    private static func reportValue(_ report: ImportReport) -> JSONValue {
        guard let data = try? JSONEncoder().encode(report), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .null
        }
        return value
    }

    /// Reads the upload, refusing an oversized one before loading it. The path comes from the
    /// gateway, so a missing file is our fault, not the user's.
    private static func read(_ path: String) throws(JobFailure) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: "internal")
        }
        guard size <= ResumeImporter.maximumFileBytes else {
            let error = ResumeImportError.fileTooLarge(limit: ResumeImporter.maximumFileBytes)
            throw JobFailure(code: error.code, message: error.message, status: error.httpStatus)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: "internal")
        }
        return data
    }
}

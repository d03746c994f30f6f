import Foundation
import ResumeKit

/// A file the gateway staged for a job (an upload, a copy of a stored original), read-only for
/// the worker. Its size is checked before it is loaded; the path comes from the gateway, so a
/// missing file is our fault, not the user's.
enum StagedFile {
    static func read(_ path: String, limit: Int = ResumeImporter.maximumFileBytes) throws(JobFailure) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: .internal)
        }
        guard size <= limit else {
            let error = ResumeImportError.fileTooLarge(limit: limit)
            throw JobFailure(code: error.code, message: error.message, status: error.httpStatus)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobFailure(code: "upload_unreadable", message: "The uploaded file could not be read.", status: 500, reason: .internal)
        }
        return data
    }
}

import Foundation
import IPC
import Store

/// The file a person uploaded as their resume, exactly as uploaded (the source of step 1's page
/// images). Found from the audit trail — the last `resume_uploaded` write, its path and digest —
/// not by name: `files/upload` may later put another file at the same `uploads/…` path, and that
/// file must never be shown as the resume's pages.
struct ResumeOriginal: Sendable {
    let path: WorkspacePath
    let version: Int
    let sha256: String
    /// The file's record when the upload is still its current version.
    var current: FileRecord? = nil

    /// The session's latest resume upload, or nil when it has none (or its version is gone).
    static func latest(sessionId: String, store: Store) async throws -> ResumeOriginal? {
        let uploads = try await store.audit(sessionId: sessionId).filter { $0.action == ResumeResource.uploadAction }
        guard let last = uploads.last, let raw = last.path, let sha256 = last.afterSha256, let path = try? WorkspacePath(raw) else {
            return nil
        }
        if let current = try await store.file(sessionId: sessionId, path: path.value), current.sha256 == sha256 {
            return ResumeOriginal(path: path, version: current.version, sha256: sha256, current: current)
        }
        let kept = try await store.versions(sessionId: sessionId, path: path.value).last { $0.sha256 == sha256 }
        return kept.map { ResumeOriginal(path: path, version: $0.version, sha256: sha256) }
    }

    /// Its bytes, read off the request's thread (up to the upload limit).
    func read(sessionId: String, workspace: Workspace) async throws -> Data {
        let path = self.path, version = self.version, current = self.current
        do {
            return try await Workspace.blocking {
                if let current { return try workspace.read(sessionId: sessionId, path: path, record: current) }
                return try workspace.readVersion(sessionId: sessionId, path: path, version: version)
            }
        } catch {
            throw APIError.notFound("The uploaded resume")
        }
    }

    /// Whether `data` is a PDF (page images exist only for PDFs).
    static func isPDF(_ data: Data) -> Bool {
        data.starts(with: Array("%PDF-".utf8))
    }

    /// A private copy for a worker to read (0600, in the staging folder, like an upload being
    /// checked): the worker never reads the workspace itself. The caller removes it.
    static func stage(_ data: Data, in directory: String) async throws -> String {
        let staged = (directory as NSString).appendingPathComponent("page-\(UUID().uuidString.lowercased())")
        try await Workspace.blocking {
            guard FileManager.default.createFile(atPath: staged, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw Workspace.Failure.io("cannot stage the upload for rendering")
            }
        }
        return staged
    }
}

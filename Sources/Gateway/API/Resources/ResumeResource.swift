import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// `POST …/resume`: the upload is checked at the boundary (size, declared and sniffed type),
/// parsed in a worker from its staging file, and only then lands in the workspace as the
/// original upload, the canonical `resume.md`, the untouchable `resume.original.md` (what
/// the truth guard checks rewrites against) and the preview.
struct ResumeResource: Sendable {
    let api: APIServices

    /// The audit action of the original upload's write (``ResumeOriginal`` finds it by this).
    static let uploadAction = "resume_uploaded"

    static let extensions: Set<String> = ["pdf", "docx", "md", "markdown", "txt", "text"]
    static let contentTypes = [
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/markdown", "text/plain", "text/x-markdown", "application/octet-stream",
    ]

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/resume",
                summary: "Upload the resume (multipart field 'file': PDF, DOCX, Markdown or plain text)",
                parameters: [PathParameters.session], body: .multipart(fileField: "file", fields: []), status: .created,
                output: .json(.ref("ResumeUploaded"))
            ) { _, context, input in
                JSONBody.response(try await upload(tenant: try context.tenant(), id: try context.sessionId(), input.upload), status: .created)
            }
        ]
    }

    func upload(tenant: String, id: String, _ upload: MultipartUpload?) async throws -> JSONValue {
        defer { upload?.discard() }
        let session = try await api.session(tenant: tenant, id: id)
        try SessionWorkflow.check(.uploadResume, in: session)
        guard let file = upload?.file else { throw APIError.invalidRequest("Attach the resume in a form field named 'file'.") }
        let filename = Self.safeFileName(file.filename ?? "resume")
        try Self.validate(file, filename: filename, limit: api.limits.maxUploadBytes)
        // Parse in a worker, from the staging file: nothing lands in the workspace unless it parsed.
        let imported: ImportResumeRequest.Result
        do {
            imported = try await api.jobs.run(
                sessionId: id, .importResume(ImportResumeRequest(path: file.path, filename: filename, contentType: file.contentType)),
                as: ImportResumeRequest.Result.self)
        } catch let error as APIError {
            api.logger.info("resume rejected", metadata: ["session.id": "\(id)", "error.code": "\(error.code)"])
            throw error
        }
        guard !imported.markdown.isEmpty else {
            throw APIError(.unprocessableContent, "no_resume_content", "No resume text could be read from this file.")
        }
        let uploadPath = try WorkspacePath("uploads/\(filename)")
        try await api.tenants.checkStorage(
            tenantId: tenant, adding: file.size + 2 * imported.markdown.utf8.count + (imported.previewHtml?.utf8.count ?? 0))
        let workspace = api.workspace
        try await workspace.write(
            sessionId: id, path: uploadPath, content: .staged(path: file.path, size: file.size, sha256: file.sha256), runId: nil, actor: "user",
            action: Self.uploadAction)
        let markdown = Data(imported.markdown.utf8)
        try await workspace.write(sessionId: id, path: WorkspacePath("resume.md"), data: markdown, runId: nil, actor: "user", action: "resume_imported")
        try await workspace.write(sessionId: id, path: WorkspacePath("resume.original.md"), data: markdown, runId: nil, actor: "user", action: "resume_imported")
        if let html = imported.previewHtml {
            try await workspace.write(sessionId: id, path: WorkspacePath("preview/resume.html"), data: Data(html.utf8), runId: nil, actor: "user", action: "preview_rendered")
        }
        if let report = imported.report {
            try await workspace.write(
                sessionId: id, path: WorkspacePath("analysis/import.json"), data: try JSONEncoder.api.encode(report), runId: nil, actor: "user",
                action: "import_reported")
        }
        let applied = try await api.workflow.apply(.uploadResume, sessionId: id, cause: "resume_uploaded")
        api.logger.info("resume uploaded", metadata: ["session.id": "\(id)", "format": "\(imported.format)"])
        return [
            "file": ["path": .string(uploadPath.value), "size": .number(Double(file.size)), "content_type": .string(file.contentType ?? uploadPath.contentType)],
            "state": .string(applied.session.state.rawValue),
            "resume": [
                "path": "resume.md", "name": imported.name.map(JSONValue.string) ?? .null, "format": .string(imported.format),
                "warnings": .array(imported.warnings.map { ["code": .string($0.code), "message": .string($0.message)] }),
                "report": imported.report ?? .null,
            ],
        ]
    }

    /// The last path component, reduced to safe characters (never a hidden name).
    static func safeFileName(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "resume"
        let cleaned = base.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
        }
        var name = String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: "._"))
        if name.isEmpty { name = "resume" }
        return String(name.prefix(WorkspacePath.maxComponentLength))
    }

    /// Boundary checks that need no parsing: size, declared type, extension, magic bytes.
    static func validate(_ file: MultipartUpload.File, filename: String, limit: Int) throws {
        guard file.size > 0 else { throw APIError.invalidRequest("The uploaded file is empty.") }
        guard file.size <= limit else { throw APIError.payloadTooLarge(limit: limit) }
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let declared = (file.contentType ?? "").lowercased()
        guard extensions.contains(ext) || ext == filename.lowercased() else {
            throw APIError.unsupportedMediaType("Upload a PDF, DOCX, Markdown or plain-text resume (got .\(ext)).")
        }
        guard declared.isEmpty || contentTypes.contains(where: { declared.hasPrefix($0) }) else {
            throw APIError.unsupportedMediaType("Upload a PDF, DOCX, Markdown or plain-text resume (got \(declared)).")
        }
        let head = file.prefix(8)
        let isPDF = head.starts(with: Array("%PDF-".utf8))
        let isZip = head.starts(with: [0x50, 0x4b, 0x03, 0x04])
        if ext == "pdf", !isPDF {
            throw APIError.unsupportedMediaType("This file is named .pdf but is not a PDF. Upload the original PDF, a DOCX, or the text.")
        }
        if ext == "docx", !isZip {
            throw APIError.unsupportedMediaType("This file is named .docx but is not a Word document. Upload the original file.")
        }
        if ["md", "markdown", "txt", "text"].contains(ext), isPDF || isZip || (try? String(contentsOfFile: file.path, encoding: .utf8)) == nil {
            throw APIError.unsupportedMediaType("This file is named .\(ext) but is not UTF-8 text.")
        }
    }
}

import Foundation
import IPC
import Logging
import Store

/// What the API does, independent of HTTP: every method checks the session belongs to the
/// caller's tenant (another tenant's session is "not found", never "forbidden").
public struct SessionService: Sendable {
    let store: Store
    let workspace: Workspace
    let runs: RunManager
    let jobs: JobRunner
    let pool: WorkerPool
    let limits: RunLimits
    let dataDirectory: String
    let fetchAllowList: [String]
    let logger: Logger

    // MARK: Sessions

    func create(tenant: String, body: [String: JSONValue]) async throws -> JSONValue {
        let autoApprove = try body.bool("auto_approve") ?? false
        let session = try await store.createSession(tenantId: tenant, autoApprove: autoApprove, costCapUsd: limits.costCapUsd)
        try FileManager.default.createDirectory(atPath: workspace.directory(session.id), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        logger.info("session created", metadata: ["session.id": "\(session.id)"])
        return Views.session(session, history: try await store.history(sessionId: session.id))
    }

    func session(tenant: String, id: String) async throws -> SessionRecord {
        guard Identifier.isValid(id, prefix: "sess"), let session = try await store.session(id: id, tenantId: tenant) else {
            throw APIError.notFound("Session")
        }
        return session
    }

    func view(tenant: String, id: String) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: id)
        return Views.session(session, history: try await store.history(sessionId: id))
    }

    func history(tenant: String, id: String) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: id)
        return ["history": .array(try await store.history(sessionId: id).map(Views.transition))]
    }

    /// Any state → cancelled; a running run is interrupted first.
    func cancel(tenant: String, id: String) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: id)
        if let runId = session.activeRunId, let controller = await runs.controller(runId) {
            await controller.interrupt(.user)
            await controller.waitUntilFinished()
        }
        let updated = try await transition(session.id, to: "cancelled", runId: nil, cause: "cancelled") { _ in true }
        return Views.session(updated, history: try await store.history(sessionId: id))
    }

    func transition(
        _ sessionId: String, to state: String, runId: String?, cause: String,
        update: @escaping @Sendable (inout SessionRecord) -> Void = { _ in },
        allowed: @escaping @Sendable (String) -> Bool
    ) async throws -> SessionRecord {
        do {
            return try await store.transition(sessionId: sessionId, to: state, runId: runId, cause: cause, allowed: { from in
                from != "cancelled" && allowed(from) || (state == "cancelled" && from != "cancelled")
            }, update: update)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    // MARK: Resume and job description

    static let resumeExtensions: Set<String> = ["pdf", "docx", "md", "markdown", "txt", "text"]

    func uploadResume(tenant: String, id: String, form: MultipartForm) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: id)
        guard session.state != "cancelled" else { throw APIError.invalidTransition(from: "cancelled", to: "resume_uploaded") }
        guard let file = form.file("file") else { throw APIError.invalidRequest("Attach the resume in a form field named 'file'.") }
        let filename = Self.safeFileName(file.filename ?? "resume")
        try Self.validateUpload(file, filename: filename, limit: limits.maxUploadBytes)
        // Parse in a worker, from a staging file: nothing lands in the workspace unless it parsed.
        let staging = (dataDirectory as NSString).appendingPathComponent("tmp")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stagedPath = (staging as NSString).appendingPathComponent(Identifier.make("upl"))
        try Workspace.atomicWrite(file.data, to: stagedPath)
        defer { unlink(stagedPath) }
        let result: JSONValue
        do {
            result = try await jobs.run(sessionId: id, [
                "kind": "import_resume", "path": .string(stagedPath), "filename": .string(filename),
                "content_type": file.contentType.map(JSONValue.string) ?? .null,
            ])
        } catch let failure as JobRunner.Failure {
            logger.info("resume rejected", metadata: ["session.id": "\(id)", "error.code": "\(failure.code)"])
            throw APIError(.init(code: failure.status), failure.code, failure.message)
        }
        guard let markdown = result["markdown"]?.stringValue, !markdown.isEmpty else {
            throw APIError(.unprocessableContent, "no_resume_content", "No resume text could be read from this file.")
        }
        let uploadPath = try WorkspacePath("uploads/\(filename)")
        try await workspace.write(sessionId: id, path: uploadPath, data: file.data, runId: nil, actor: "user", action: "resume_uploaded")
        try await workspace.write(sessionId: id, path: WorkspacePath("resume.md"), data: Data(markdown.utf8), runId: nil, actor: "user", action: "resume_imported")
        // The truth guard checks every later rewrite against this first import.
        try await workspace.write(sessionId: id, path: WorkspacePath("resume.original.md"), data: Data(markdown.utf8), runId: nil, actor: "user", action: "resume_imported")
        if let html = result["preview_html"]?.stringValue {
            try await workspace.write(sessionId: id, path: WorkspacePath("preview/resume.html"), data: Data(html.utf8), runId: nil, actor: "user", action: "preview_rendered")
        }
        let updated = try await transition(id, to: "resume_uploaded", runId: nil, cause: "resume_uploaded") { _ in true }
        logger.info("resume uploaded", metadata: ["session.id": "\(id)", "format": "\(result["format"]?.stringValue ?? "")"])
        return [
            "file": ["path": .string(uploadPath.value), "size": .number(Double(file.data.count)),
                     "content_type": .string(file.contentType ?? uploadPath.contentType)],
            "state": .string(updated.state),
            "resume": ["path": "resume.md", "name": result["name"] ?? .null, "format": result["format"] ?? .null,
                       "warnings": result["warnings"] ?? []],
        ]
    }

    static func safeFileName(_ raw: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "resume"
        let cleaned = base.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
        }
        var name = String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: "._"))
        if name.isEmpty { name = "resume" }
        return String(name.prefix(100))
    }

    /// Boundary checks that need no parsing: size, declared type, extension, magic bytes.
    static func validateUpload(_ file: MultipartForm.Part, filename: String, limit: Int) throws {
        guard !file.data.isEmpty else { throw APIError.invalidRequest("The uploaded file is empty.") }
        guard file.data.count <= limit else { throw APIError.payloadTooLarge(limit: limit) }
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let declared = (file.contentType ?? "").lowercased()
        let allowedTypes = ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "text/markdown", "text/plain", "text/x-markdown", "application/octet-stream", ""]
        guard resumeExtensions.contains(ext) || ext == filename.lowercased() else {
            throw APIError.unsupportedMediaType("Upload a PDF, DOCX, Markdown or plain-text resume (got .\(ext)).")
        }
        guard allowedTypes.contains(where: { declared.hasPrefix($0) && ($0.isEmpty ? declared.isEmpty : true) }) else {
            throw APIError.unsupportedMediaType("Upload a PDF, DOCX, Markdown or plain-text resume (got \(declared)).")
        }
        let bytes = [UInt8](file.data.prefix(8))
        let isPDF = bytes.starts(with: Array("%PDF-".utf8))
        let isZip = bytes.starts(with: [0x50, 0x4b, 0x03, 0x04])
        let isText = !isPDF && !isZip && String(data: file.data, encoding: .utf8) != nil
        if ext == "pdf", !isPDF {
            throw APIError.unsupportedMediaType("This file is named .pdf but is not a PDF. Upload the original PDF, a DOCX, or the text.")
        }
        if ext == "docx", !isZip {
            throw APIError.unsupportedMediaType("This file is named .docx but is not a Word document. Upload the original file.")
        }
        if ["md", "markdown", "txt", "text"].contains(ext), !isText {
            throw APIError.unsupportedMediaType("This file is named .\(ext) but is not UTF-8 text.")
        }
    }

    func provideJobDescription(tenant: String, id: String, body: [String: JSONValue]) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: id)
        let text = try body.optionalString("text", maxLength: 100_000)
        let url = try body.optionalString("url", maxLength: 2048)
        guard (text == nil) != (url == nil) else {
            throw APIError.invalidRequest("Send either 'text' (the job description) or 'url' (a link to it).")
        }
        guard ["resume_uploaded", "jd_provided", "gap_analyzed", "rewrite_applied", "exported"].contains(session.state) else {
            throw APIError.invalidTransition(from: session.state, to: "jd_provided")
        }
        var jdText: String
        var metadata: [String: JSONValue] = ["source": .string(url == nil ? "text" : "url"), "path": "jd.md"]
        if let url {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw APIError.invalidRequest("'url' must be an http(s) link.")
            }
            do {
                let result = try await jobs.run(sessionId: id, [
                    "kind": "fetch_jd", "url": .string(url), "allow_list": .array(fetchAllowList.map(JSONValue.string)),
                ])
                jdText = result["text"]?.stringValue ?? ""
                metadata["url"] = .string(url)
                if let title = result["title"]?.stringValue { metadata["title"] = .string(title) }
            } catch let failure as JobRunner.Failure {
                throw APIError(.init(code: failure.status), failure.code, failure.message)
            }
        } else {
            jdText = text ?? ""
        }
        jdText = jdText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard jdText.count >= 20 else { throw APIError.invalidRequest("The job description is too short to analyse.") }
        if metadata["title"] == nil {
            let firstLine = jdText.split(separator: "\n").first.map { String($0.prefix(200)).trimmingCharacters(in: .whitespaces) }
            metadata["title"] = firstLine.map(JSONValue.string) ?? .null
        }
        metadata["length"] = .number(Double(jdText.count))
        try await workspace.write(sessionId: id, path: WorkspacePath("jd.md"), data: Data(jdText.utf8), runId: nil, actor: "user", action: "jd_provided")
        let jdJSON = String(decoding: try JSONEncoder.api.encode(JSONValue.object(metadata)), as: UTF8.self)
        let updated = try await transition(id, to: "jd_provided", runId: nil, cause: "jd_provided", update: { $0.jdJson = jdJSON }) {
            ["resume_uploaded", "jd_provided", "gap_analyzed", "rewrite_applied", "exported"].contains($0)
        }
        return ["state": .string(updated.state), "jd": .object(metadata)]
    }

    // MARK: Runs

    func postMessage(tenant: String, id: String, body: [String: JSONValue]) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: id)
        let content = try body.string("content", maxLength: 20_000).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !content.isEmpty else { throw APIError.invalidRequest("'content' must not be empty.") }
        guard session.state != "cancelled" else { throw APIError.invalidTransition(from: "cancelled", to: "run") }
        guard await pool.canAdmit, await !runs.isDraining else { throw APIError.overloaded() }
        let run: RunRecord
        do {
            run = try await store.createRun(sessionId: id, content: content)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
        let history = try await conversation(sessionId: id, excluding: run.id)
        let input: JSONValue = [
            "kind": "agent", "message": .string(content), "history": .array(history), "state": .string(session.state),
            "auto_approve": .bool(session.autoApprove),
            "limits": ["max_steps": .number(Double(limits.maxSteps))],
            "budget": ["remaining_usd": .number(max(0, session.costCapUsd - session.costUsd))],
            "provider": ["name": .string(runs.pricing.primaryProvider)],
        ]
        do {
            _ = try await runs.start(run: run, input: input)
        } catch {
            throw APIError.overloaded()
        }
        logger.info("run admitted", metadata: ["session.id": "\(id)", "run.id": "\(run.id)"])
        return ["run_id": .string(run.id)]
    }

    /// The last few exchanges, for the agent's context.
    private func conversation(sessionId: String, excluding runId: String) async throws -> [JSONValue] {
        var turns: [JSONValue] = []
        for run in try await store.runs(sessionId: sessionId).filter({ $0.id != runId }).suffix(4) {
            turns.append(["role": "user", "content": .string(run.content)])
            let text = try await store.events(runId: run.id).filter { $0.type == "assistant_delta" }.compactMap { event -> String? in
                (try? JSONDecoder().decode(JSONValue.self, from: Data(event.payload.utf8)))?["text"]?.stringValue
            }.joined()
            if !text.isEmpty { turns.append(["role": "assistant", "content": .string(String(text.suffix(4000)))]) }
        }
        return turns
    }

    func run(tenant: String, sessionId: String, runId: String) async throws -> RunRecord {
        _ = try await session(tenant: tenant, id: sessionId)
        guard Identifier.isValid(runId, prefix: "run"), let run = try await store.run(id: runId, sessionId: sessionId) else {
            throw APIError.notFound("Run")
        }
        return run
    }

    func runs(tenant: String, sessionId: String) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        return ["runs": .array(try await store.runs(sessionId: sessionId).map(Views.run))]
    }

    func interrupt(tenant: String, sessionId: String, runId: String) async throws -> JSONValue {
        let run = try await run(tenant: tenant, sessionId: sessionId, runId: runId)
        if let controller = await runs.controller(run.id) {
            await controller.interrupt(.user)
        }
        return ["run_id": .string(run.id), "status": "interrupting"]
    }

    // MARK: Approvals

    func approvals(tenant: String, sessionId: String, all: Bool) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        return ["approvals": .array(try await store.approvals(sessionId: sessionId, pendingOnly: !all).map(Views.approval))]
    }

    func decide(tenant: String, sessionId: String, approvalId: String, approve: Bool, body: [String: JSONValue]) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        guard Identifier.isValid(approvalId, prefix: "apr") else { throw APIError.notFound("Approval") }
        let reason = try body.optionalString("reason", maxLength: 2000)
        let decided: ApprovalRecord
        do {
            decided = try await store.decide(approvalId: approvalId, sessionId: sessionId, status: approve ? "approved" : "rejected", by: "user", reason: reason)
        } catch let error as StoreError {
            throw APIError.from(error, resource: "Approval")
        }
        if let controller = await runs.controller(decided.runId) {
            await controller.approvalDecided(decided)
        }
        logger.info("approval decided", metadata: ["session.id": "\(sessionId)", "approval.id": "\(approvalId)", "status": "\(decided.status)"])
        return ["approval_id": .string(decided.id), "status": .string(decided.status)]
    }

    func setAutoApprove(tenant: String, sessionId: String, body: [String: JSONValue]) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        guard let enabled = try body.bool("enabled") else { throw APIError.invalidRequest("Missing field 'enabled' (true or false).") }
        let updated = try await store.updateSession(id: sessionId) { $0.autoApprove = enabled }
        try await store.audit(AuditRecord(
            id: nil, sessionId: sessionId, runId: nil, actor: "user", action: enabled ? "auto_approve_enabled" : "auto_approve_disabled",
            path: nil, beforeSha256: nil, afterSha256: nil, details: nil, createdAt: Timestamp.now()
        ))
        return ["auto_approve": .bool(updated.autoApprove)]
    }

    func audit(tenant: String, sessionId: String) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        return ["audit": .array(try await store.audit(sessionId: sessionId).map(Views.audit))]
    }

    // MARK: Resume versions (undo)

    func versions(tenant: String, sessionId: String) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        let earlier = try await store.versions(sessionId: sessionId, path: "resume.md")
        var list: [JSONValue] = earlier.map { version in
            ["version": .number(Double(version.version)), "sha256": .string(version.sha256), "size": .number(Double(version.size)),
             "created_at": .string(version.createdAt), "current": false]
        }
        if let current = try await store.file(sessionId: sessionId, path: "resume.md") {
            list.append(["version": .number(Double(current.version)), "sha256": .string(current.sha256), "size": .number(Double(current.size)),
                         "created_at": .string(current.updatedAt), "current": true])
        }
        return ["path": "resume.md", "versions": .array(list)]
    }

    /// Undo: makes an earlier version of resume.md current again (as a new, audited version).
    func restore(tenant: String, sessionId: String, version rawVersion: String) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: sessionId)
        guard session.activeRunId == nil else { throw APIError.runInProgress(session.activeRunId!) }
        guard let version = Int(rawVersion), version >= 1 else { throw APIError.invalidRequest("'\(rawVersion.prefix(20))' is not a version number.") }
        guard let current = try await store.file(sessionId: sessionId, path: "resume.md") else { throw APIError.notFound("resume.md") }
        let path = try WorkspacePath("resume.md")
        let data: Data
        if version == current.version {
            return ["path": "resume.md", "version": .number(Double(current.version)), "restored_from": .number(Double(version)), "state": .string(session.state)]
        }
        do { data = try workspace.readVersion(sessionId: sessionId, path: path, version: version) } catch {
            throw APIError.notFound("Version \(version) of resume.md")
        }
        let record = try await workspace.write(sessionId: sessionId, path: path, data: data, runId: nil, actor: "user", action: "resume_restored")
        if let html = try? await jobs.run(sessionId: sessionId, ["kind": "render_preview", "markdown": .string(String(decoding: data, as: UTF8.self))])["html"]?.stringValue {
            try await workspace.write(sessionId: sessionId, path: WorkspacePath("preview/resume.html"), data: Data(html.utf8), runId: nil, actor: "user", action: "preview_rendered")
        }
        var state = session.state
        if ["gap_analyzed", "rewrite_applied", "exported"].contains(session.state) {
            state = try await transition(sessionId, to: "rewrite_applied", runId: nil, cause: "resume_restored") {
                ["gap_analyzed", "rewrite_applied", "exported"].contains($0)
            }.state
        }
        return ["path": "resume.md", "version": .number(Double(record.version)), "restored_from": .number(Double(version)), "state": .string(state)]
    }

    // MARK: Files and export

    func files(tenant: String, sessionId: String) async throws -> JSONValue {
        _ = try await session(tenant: tenant, id: sessionId)
        return ["files": .array(try await store.files(sessionId: sessionId).map(Views.file))]
    }

    func file(tenant: String, sessionId: String, rawPath: String) async throws -> (FileRecord, Data) {
        _ = try await session(tenant: tenant, id: sessionId)
        let path: WorkspacePath
        do { path = try WorkspacePath(rawPath) } catch {
            throw APIError.invalidRequest("'\(rawPath.prefix(200))' is not a valid workspace path.", details: ["reason": .string("\(error)")])
        }
        guard let record = try await store.file(sessionId: sessionId, path: path.value) else { throw APIError.notFound("File") }
        do {
            return (record, try workspace.read(sessionId: sessionId, path: path))
        } catch .symlink {
            throw APIError.invalidRequest("That path leaves the workspace.")
        } catch {
            throw APIError.notFound("File")
        }
    }

    func uploadFile(tenant: String, sessionId: String, form: MultipartForm) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: sessionId)
        guard session.state != "cancelled" else { throw APIError.invalidTransition(from: "cancelled", to: "upload") }
        guard let file = form.file("file") else { throw APIError.invalidRequest("Attach the file in a form field named 'file'.") }
        guard !file.data.isEmpty else { throw APIError.invalidRequest("The uploaded file is empty.") }
        guard file.data.count <= limits.maxUploadBytes else { throw APIError.payloadTooLarge(limit: limits.maxUploadBytes) }
        let raw = form.field("path") ?? "uploads/\(Self.safeFileName(file.filename ?? "file"))"
        let path: WorkspacePath
        do { path = try WorkspacePath(raw) } catch {
            throw APIError.invalidRequest("'\(raw.prefix(200))' is not a valid workspace path.")
        }
        // The canonical files and folders change only through their own routes and approved
        // tool calls (and a file named like a folder would break them).
        let top = String(path.value.split(separator: "/").first ?? "")
        guard !["resume.md", "resume.original.md", "jd.md", "analysis", "preview", "exports"].contains(top) else {
            throw APIError.invalidRequest("\(path) is managed by Resume Agent; use the resume or JD routes instead.")
        }
        do {
            let record = try await workspace.write(sessionId: sessionId, path: path, data: file.data, runId: nil, actor: "user", action: "file_uploaded")
            return Views.file(record)
        } catch let failure as Workspace.Failure {
            throw APIError.from(failure, path: path.value)
        }
    }

    func export(tenant: String, sessionId: String, body: [String: JSONValue]) async throws -> JSONValue {
        let session = try await session(tenant: tenant, id: sessionId)
        let format = try body.string("format", maxLength: 10).lowercased()
        guard ["pdf", "docx", "html", "md"].contains(format) else {
            throw APIError.invalidRequest("'format' must be one of pdf, docx, html, md.", details: ["field": "format"])
        }
        let pageSize = try body.optionalString("page_size", maxLength: 10)?.lowercased() ?? "letter"
        guard ["letter", "a4"].contains(pageSize) else { throw APIError.invalidRequest("'page_size' must be letter or a4.") }
        guard ["rewrite_applied", "exported"].contains(session.state) else {
            throw APIError.invalidTransition(from: session.state, to: "exported")
        }
        guard let markdown = workspace.readText(sessionId: sessionId, path: "resume.md") else { throw APIError.notFound("resume.md") }
        let result: JSONValue
        do {
            result = try await jobs.run(sessionId: sessionId, [
                "kind": "export", "markdown": .string(markdown), "format": .string(format), "page_size": .string(pageSize),
            ])
        } catch let failure as JobRunner.Failure {
            throw APIError(.init(code: failure.status), failure.code, failure.message)
        }
        guard let encoded = result["data_base64"]?.stringValue, let data = Data(base64Encoded: encoded) else {
            throw APIError(.unprocessableContent, "export_failed", "The export could not be produced.")
        }
        let path = try WorkspacePath("exports/resume.\(format)")
        try await workspace.write(sessionId: sessionId, path: path, data: data, runId: nil, actor: "user", action: "exported")
        let updated = try await transition(sessionId, to: "exported", runId: nil, cause: "exported") { ["rewrite_applied", "exported"].contains($0) }
        return ["path": .string(path.value), "format": .string(format), "size": .number(Double(data.count)), "state": .string(updated.state)]
    }
}

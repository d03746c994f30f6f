import Foundation
import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// The session's workspace: list, download, upload extra files.
struct FilesResource: Sendable {
    let api: APIServices

    /// Files and folders the workflow owns: they change only through their own routes and
    /// approved tool calls (and a file named like one of the folders would break them).
    static let managed: Set<String> = ["resume.md", "resume.original.md", "jd.md", "analysis", "preview", "exports"]

    var routes: [APIRoute] {
        let session = PathParameters.session
        return [
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/files", summary: "Workspace files",
                parameters: [session], status: .ok,
                output: .json(.object([("files", .array(.ref("File")))], required: ["files"], additionalProperties: true))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(["files": .array(try await api.store.files(sessionId: session.id).map(Views.file))])
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/files/upload",
                summary: "Upload a file into the workspace (multipart 'file', optional 'path')",
                parameters: [session], body: .multipart(fileField: "file", fields: [("path", WorkspacePath.schema)]), status: .created,
                output: .json(.ref("File"))
            ) { _, context, input in
                JSONBody.response(try await upload(tenant: try context.tenant(), id: try context.sessionId(), input.upload), status: .created)
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/files/{path}", summary: "A workspace file's bytes, with its content type",
                parameters: [session, PathParameters.filePath], status: .ok, output: .bytes
            ) { _, context, _ in
                let raw = context.parameters.getCatchAll().joined(separator: "/")
                return try await download(tenant: try context.tenant(), id: try context.sessionId(), rawPath: raw.removingPercentEncoding ?? raw)
            },
        ]
    }

    func download(tenant: String, id: String, rawPath: String) async throws -> Response {
        let session = try await api.session(tenant: tenant, id: id)
        let path: WorkspacePath
        do { path = try WorkspacePath(rawPath) } catch {
            throw APIError.invalidRequest("'\(rawPath.prefix(200))' is not a valid workspace path.", details: ["reason": .string("\(error)")])
        }
        guard let record = try await api.store.file(sessionId: session.id, path: path.value) else { throw APIError.notFound("File") }
        let data: Data
        do {
            data = try api.workspace.read(sessionId: session.id, path: path, record: record)
        } catch .symlink {
            throw APIError.invalidRequest("That path leaves the workspace.")
        } catch {
            throw APIError.notFound("File")
        }
        var headers: HTTPFields = [.contentType: record.contentType, .cacheControl: "no-store"]
        if record.contentType.hasPrefix("text/html") {
            // Previews are shown in a sandboxed frame; never let them run script here.
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        }
        if !record.contentType.hasPrefix("text/") && record.contentType != "application/json" {
            headers[.contentDisposition] = "attachment; filename=\"\(path.fileName.replacingOccurrences(of: "\"", with: "_"))\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func upload(tenant: String, id: String, _ upload: MultipartUpload?) async throws -> JSONValue {
        defer { upload?.discard() }
        let session = try await api.session(tenant: tenant, id: id)
        try SessionWorkflow.check(.uploadFile, in: session)
        guard let file = upload?.file else { throw APIError.invalidRequest("Attach the file in a form field named 'file'.") }
        let raw = upload?.fields["path"] ?? "uploads/\(ResumeResource.safeFileName(file.filename ?? "file"))"
        let path: WorkspacePath
        do { path = try WorkspacePath(raw) } catch {
            throw APIError.invalidRequest("'\(raw.prefix(200))' is not a valid workspace path.")
        }
        let top = String(path.value.split(separator: "/").first ?? "")
        guard !Self.managed.contains(top) else {
            throw APIError(.conflict, "managed_path", "\(path) is managed by Resume Agent; use the resume or JD routes instead.",
                           details: ["path": .string(path.value)])
        }
        try await api.tenants.checkStorage(tenantId: tenant, adding: file.size)
        do {
            let record = try await api.workspace.write(
                sessionId: id, path: path, content: .staged(path: file.path, size: file.size, sha256: file.sha256), runId: nil,
                actor: "user", action: "file_uploaded")
            return Views.file(record)
        } catch let failure as Workspace.Failure {
            throw APIError.from(failure, path: path.value)
        }
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
}

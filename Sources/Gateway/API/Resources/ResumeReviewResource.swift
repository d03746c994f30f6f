import Foundation
import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import ServiceSupport
import Store

/// Step 1's review of an import: the pages of the uploaded original as images, beside the text
/// we read, and the person's correction of that text before going on.
///
/// Pages are rendered on demand, one per request, in a worker (poppler never runs in the
/// gateway), rather than all at upload: most uploads are looked at once, a page or two, and many
/// (the CLI, API clients, DOCX and text files) never; rendering up to 20 pages at every upload
/// would make each upload slower and store megabytes of images per version against the
/// person's quota. An `ETag` naming the upload's digest, page and width lets a browser revalidate
/// for free (304, no worker) and never shows a page of an earlier upload.
struct ResumeReviewResource: Sendable {
    let api: APIServices

    static let page = APIRoute.Parameter(
        name: "page", schema: .string(maxLength: 2, pattern: "^[1-9][0-9]?$"), description: "The page number, from 1.")
    /// Pixels; clamped to what the renderer allows (200–2000).
    static let width = Schema.string(maxLength: 4, pattern: "^[1-9][0-9]{0,3}$")
    static let widthRange = 200...2000
    static let defaultWidth = 900

    /// The corrected text: Markdown with at least one visible character. Control characters
    /// other than tab and newline are dropped (they cannot be part of a resume's text).
    static let correction = Schema.object(
        [("markdown", .string(minLength: 1, maxLength: 100_000, pattern: "[^ \\t\\n\\r\\x00-\\x1F\\x7F]"))], required: ["markdown"])

    var routes: [APIRoute] {
        let session = PathParameters.session
        return [
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/resume/pages/{page}",
                summary: "A page of the uploaded resume (PDF only) as a PNG image, for checking the text that was read from it",
                parameters: [session, Self.page], query: [("width", Self.width)], status: .ok, output: .binary(contentType: "image/png"),
                headers: ["ETag", "X-Page-Count"]
            ) { request, context, input in
                let width = request.uri.queryParameters.get("width").flatMap(Int.init) ?? Self.defaultWidth
                return try await page(
                    try input.requireSession(), number: try context.parameter("page"), width: width,
                    ifNoneMatch: request.headers[.ifNoneMatch])
            },
            APIRoute(
                method: .put, path: "/api/v1/sessions/{session_id}/resume/text",
                summary: "Correct the text read from the upload: it becomes resume.md and the original later rewrites are checked against",
                parameters: [session], body: .json(Self.correction, required: true), status: .ok,
                output: .json(.object(
                    [("path", .string()), ("size", .integer(minimum: 0)), ("state", .enumeration(SessionState.allCases.map(\.rawValue))),
                     ("preview", .nullable(.string()))],
                    required: ["path", "size", "state"], additionalProperties: true))
            ) { _, context, input in
                JSONBody.response(try await correct(tenant: try context.tenant(), try input.requireSession(), input.json))
            },
        ]
    }

    // MARK: Page images

    func page(_ session: SessionRecord, number raw: String, width requested: Int, ifNoneMatch: String?) async throws -> Response {
        guard let number = Int(raw) else { throw APIError.notFound("Page") }
        guard let original = try await ResumeOriginal.latest(sessionId: session.id, store: api.store) else {
            throw APIError(.notFound, "not_found", "No resume has been uploaded to this session yet.")
        }
        let width = min(max(requested, Self.widthRange.lowerBound), Self.widthRange.upperBound)
        let tag = "\"\(original.sha256.prefix(32))-\(number)-\(width)\""
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) {
            return Response(status: .notModified, headers: Self.cacheHeaders(tag))
        }
        let data = try await original.read(sessionId: session.id, workspace: api.workspace)
        guard ResumeOriginal.isPDF(data) else {
            throw APIError(
                .notFound, "not_found", "The resume was not uploaded as a PDF, so it has no page images; its text was read directly.",
                details: ["path": .string(original.path.value)])
        }
        let staged = try await ResumeOriginal.stage(data, in: api.uploads.stagingDirectory)
        defer { unlink(staged) }
        let rendered = try await api.jobs.run(
            sessionId: session.id, .renderPage(RenderPageRequest(path: staged, page: number, width: width)), as: RenderPageRequest.Result.self)
        guard let png = Data(base64Encoded: rendered.pngBase64) else {
            throw APIError(.serviceUnavailable, "processing_failed", "The page could not be rendered; try again.", retryAfterSeconds: 1)
        }
        var headers = Self.cacheHeaders(tag)
        headers[.contentType] = "image/png"
        headers[Self.pageCount] = "\(rendered.pageCount)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// Private (a person's resume), revalidated on every use: the URL stays the same when a
    /// new resume is uploaded, the tag does not.
    static func cacheHeaders(_ tag: String) -> HTTPFields {
        [.cacheControl: "private, no-cache", .eTag: tag]
    }

    static let pageCount = HTTPField.Name("X-Page-Count")!

    // MARK: Correcting the text

    func correct(tenant: String, _ session: SessionRecord, _ body: [String: JSONValue]) async throws -> JSONValue {
        if let active = session.activeRunId { throw APIError.runInProgress(active) }
        try SessionWorkflow.check(.correctResume, in: session)
        guard case .string(let raw)? = body["markdown"] else { throw APIError.invalidRequest("Send the corrected text in 'markdown'.") }
        let markdown = Self.normalized(raw)
        let data = Data(markdown.utf8)
        let resumePath = try WorkspacePath("resume.md"), originalPath = try WorkspacePath("resume.original.md")
        let current = try await api.store.file(sessionId: session.id, path: resumePath.value)
        let original = try await api.store.file(sessionId: session.id, path: originalPath.value)
        let digest = SHA256.hex(data)
        var preview: String? = "preview/resume.html"
        if current?.sha256 != digest || original?.sha256 != digest {
            try await api.tenants.checkStorage(tenantId: tenant, adding: 3 * data.count)
            let workspace = api.workspace
            for path in [resumePath, originalPath] {
                try await workspace.write(sessionId: session.id, path: path, data: data, runId: nil, actor: "user", action: "resume_corrected")
            }
            preview = await renderPreview(sessionId: session.id, markdown: markdown)
            api.logger.info("resume corrected", metadata: ["session.id": "\(session.id)"])
        }
        let applied = try await api.workflow.apply(.correctResume, sessionId: session.id, cause: "resume_corrected")
        return [
            "path": .string(resumePath.value), "size": .number(Double(data.count)), "state": .string(applied.session.state.rawValue),
            "preview": preview.map(JSONValue.string) ?? .null,
        ]
    }

    /// The preview's path once it shows `markdown`; nil when it could not be rendered (the old
    /// one stays, and the person is told).
    private func renderPreview(sessionId: String, markdown: String) async -> String? {
        guard let rendered = try? await api.jobs.run(
            sessionId: sessionId, .renderPreview(RenderPreviewRequest(markdown: markdown)), as: RenderPreviewRequest.Result.self)
        else { return nil }
        let path = "preview/resume.html"
        let written = try? await api.workspace.write(
            sessionId: sessionId, path: WorkspacePath(path), data: Data(rendered.html.utf8), runId: nil, actor: "user", action: "preview_rendered")
        return written == nil ? nil : path
    }

    /// One kind of line break, no control characters but tab and newline, one final newline.
    static func normalized(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let kept = unified.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\t" || !(scalar.value < 0x20 || scalar.value == 0x7F)
        }
        var result = String(String.UnicodeScalarView(kept))
        while result.hasSuffix("\n") { result.removeLast() }
        return result + "\n"
    }
}

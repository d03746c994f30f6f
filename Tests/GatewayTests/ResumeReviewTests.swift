import Foundation
import HTTPTypes
import IPC
import NIOCore
import Store
import Testing

@testable import Gateway

/// Step 1's review routes: page images of the uploaded original, rendered by a worker (here a
/// scripted one), and the person's correction of the text read from it.
@Suite("Import review routes")
struct ResumeReviewTests {
    /// A 1×1 PNG: what the scripted worker "renders".
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!
    static let pdf = Data("%PDF-1.4\n% a resume, as far as the gateway can tell\n".utf8)
    static let pages = 2

    /// Answers the jobs the review needs like a worker would: imports a "PDF" of two pages,
    /// renders pages 1–2 (404 beyond), renders previews.
    static func worker() -> ScriptedWorker {
        ScriptedWorker { start in
            switch start.job {
            case .importResume(let request):
                let isPDF = request.filename?.hasSuffix(".pdf") == true
                let report: JSONValue = ["format": isPDF ? "pdf" : "markdown", "page_count": isPDF ? .number(Double(pages)) : .null,
                                         "confidence": 0.42, "low_confidence": true, "warnings": []]
                return try! RunEnd.completed(runId: start.runId, result: ImportResumeRequest.Result(
                    markdown: "# Jane Doe\n\n## Experiencemy Life Philosophy\n", previewHtml: "<h1>Jane Doe</h1>", format: isPDF ? "pdf" : "markdown",
                    name: "Jane Doe", warnings: [], report: report))
            case .renderPage(let request):
                guard request.page <= pages else {
                    return RunEnd(runId: start.runId, outcome: .failed, failure: .init(
                        kind: .invalidInput, code: "not_found", message: "The uploaded PDF has 2 pages; there is no page \(request.page).", status: 404))
                }
                return try! RunEnd.completed(runId: start.runId, result: RenderPageRequest.Result(pngBase64: png.base64EncodedString(), pageCount: pages))
            case .renderPreview(let request):
                return try! RunEnd.completed(runId: start.runId, result: RenderPreviewRequest.Result(html: "<pre>\(request.markdown)</pre>"))
            default:
                return RunEnd(runId: start.runId, outcome: .failed, failure: .init(kind: .internal, code: "internal", message: "not scripted"))
            }
        }
    }

    static func upload(_ client: GatewayHarness.Client, _ session: String, _ data: Data, name: String) async throws {
        let body = UploadTests.multipart(boundary: "B0undary", file: data, filename: name)
        let reply = try await client.request(.post, "/api/v1/sessions/\(session)/resume", body: body, contentType: "multipart/form-data; boundary=B0undary")
        #expect(reply.status == 201, "\(reply.body)")
    }

    struct Image: Sendable {
        let status: Int
        let headers: HTTPFields
        let bytes: Data
    }

    static func image(_ client: GatewayHarness.Client, _ uri: String, ifNoneMatch: String? = nil) async throws -> Image {
        var headers: HTTPFields = [.authorization: "Bearer \(client.token ?? "")"]
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        let response = try await client.client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
        return Image(status: Int(response.status.code), headers: response.headers, bytes: Data(response.body.readableBytesView))
    }

    static func pageJobs(_ worker: ScriptedWorker) -> [(request: RenderPageRequest, file: Data?)] {
        worker.jobs.compactMap { received in
            if case .renderPage(let request) = received.job { return (request, received.file) }
            return nil
        }
    }

    // MARK: Page images

    @Test func aPageOfAPDFUploadIsRenderedByAWorkerFromTheStoredOriginal() async throws {
        let harness = try GatewayHarness()
        let worker = Self.worker()
        try await harness.test(with: worker) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let page = try await Self.image(client, "/api/v1/sessions/\(session)/resume/pages/2?width=640")
            #expect(page.status == 200)
            #expect(page.headers[.contentType] == "image/png")
            #expect(page.bytes == Self.png)
            #expect(page.headers[HTTPField.Name("X-Page-Count")!] == "2")
            #expect(page.headers[.cacheControl] == "private, no-cache")
            let tag = try #require(page.headers[.eTag])

            let jobs = Self.pageJobs(worker)
            #expect(jobs.map(\.request.page) == [2])
            #expect(jobs.map(\.request.width) == [640])
            #expect(jobs.first?.file == Self.pdf, "the worker read a copy of the upload, byte for byte")
            #expect(jobs.first?.request.path.hasPrefix(harness.directory + "/tmp/") == true)

            // Revalidating costs no worker: same upload, page and width, same tag.
            let again = try await Self.image(client, "/api/v1/sessions/\(session)/resume/pages/2?width=640", ifNoneMatch: tag)
            #expect(again.status == 304)
            #expect(again.bytes.isEmpty)
            #expect(Self.pageJobs(worker).count == 1)
        }
        // The staged copy is gone once the page is served.
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.directory + "/tmp").isEmpty)
    }

    @Test func theWidthIsClampedAndTheTagNamesTheUploadPageAndWidth() async throws {
        let harness = try GatewayHarness()
        let worker = Self.worker()
        try await harness.test(with: worker) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            var tags: [String] = []
            for query in ["", "?width=9999", "?width=10"] {
                let page = try await Self.image(client, "/api/v1/sessions/\(session)/resume/pages/1\(query)")
                #expect(page.status == 200)
                tags.append(page.headers[.eTag] ?? "")
            }
            #expect(Self.pageJobs(worker).map(\.request.width) == [900, 2000, 200])
            #expect(Set(tags).count == 3)
            // A new upload gives every page a new tag: an earlier upload's page is never reused.
            try await Self.upload(client, session, Self.pdf + Data("% edited\n".utf8), name: "cv.pdf")
            let fresh = try await Self.image(client, "/api/v1/sessions/\(session)/resume/pages/1", ifNoneMatch: tags[0])
            #expect(fresh.status == 200)
            #expect(fresh.headers[.eTag] != tags[0])
        }
    }

    @Test func aFileLaterStoredAtTheUploadsPathIsNeverShownAsTheResume() async throws {
        let harness = try GatewayHarness()
        let worker = Self.worker()
        try await harness.test(with: worker) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let other = UploadTests.multipart(boundary: "b", file: Data("%PDF-1.7 something else".utf8), filename: "x.pdf", fields: ["path": "uploads/cv.pdf"])
            let stored = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: other, contentType: "multipart/form-data; boundary=b")
            #expect(stored.status == 201, "\(stored.body)")
            let page = try await Self.image(client, "/api/v1/sessions/\(session)/resume/pages/1")
            #expect(page.status == 200)
            #expect(Self.pageJobs(worker).first?.file == Self.pdf)
        }
    }

    @Test func withoutAPDFOrSuchAPageTheAnswerIs404InTheContractShape() async throws {
        let harness = try GatewayHarness()
        let worker = Self.worker()
        try await harness.test(with: worker) { client in
            let session = try await client.createSession()
            let nothing = try await client.request(.get, "/api/v1/sessions/\(session)/resume/pages/1")
            #expect(nothing.status == 404)
            #expect(nothing.errorCode == "not_found")

            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            for page in ["0", "01", "abc", "100", "-1"] {
                let reply = try await client.request(.get, "/api/v1/sessions/\(session)/resume/pages/\(page)")
                #expect(reply.status == 404, "page \(page)")
                #expect(reply.errorCode == "not_found", "page \(page)")
            }
            let beyond = try await client.request(.get, "/api/v1/sessions/\(session)/resume/pages/3")
            #expect(beyond.status == 404)
            #expect(beyond.errorCode == "not_found")
            #expect((beyond.object["error"] as? [String: Any])?["message"] as? String == "The uploaded PDF has 2 pages; there is no page 3.")
            let badWidth = try await client.request(.get, "/api/v1/sessions/\(session)/resume/pages/1?width=wide")
            #expect(badWidth.status == 400)
            #expect(badWidth.errorCode == "invalid_request")

            let markdown = try await client.createSession()
            try await Self.upload(client, markdown, Data("# Jane Doe\n\n## Experience\n".utf8), name: "cv.md")
            let before = Self.pageJobs(worker).count
            let text = try await client.request(.get, "/api/v1/sessions/\(markdown)/resume/pages/1")
            #expect(text.status == 404)
            #expect(text.errorCode == "not_found")
            #expect(Self.pageJobs(worker).count == before, "a file that is not a PDF never reaches a worker")
        }
    }

    @Test func anotherTenantsSessionHasNoPages() async throws {
        let harness = try GatewayHarness()
        let stranger = try harness.store.createToken(tenantName: "stranger")
        try await harness.test(with: Self.worker()) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let reply = try await client.request(.get, "/api/v1/sessions/\(session)/resume/pages/1", token: stranger)
            #expect(reply.status == 404)
            let put = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: ##"{"markdown":"# Mallory"}"##, token: stranger)
            #expect(put.status == 404)
        }
    }

    // MARK: Correcting the text

    @Test func theCorrectedTextBecomesTheResumeAndTheOriginalAndIsPreviewed() async throws {
        let harness = try GatewayHarness()
        let worker = Self.worker()
        try await harness.test(with: worker) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let sent = "# Jane Doe\r\n\r\n## Experience\r\n\u{0007}- Led the fares team\n\n\n"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["markdown": sent]), as: UTF8.self)
            let reply = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: body)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.object["state"] as? String == "resume_uploaded")
            #expect(reply.object["path"] as? String == "resume.md")
            #expect(reply.object["preview"] as? String == "preview/resume.html")
            let expected = "# Jane Doe\n\n## Experience\n- Led the fares team\n"
            #expect(reply.object["size"] as? Int == expected.utf8.count)
            for path in ["resume.md", "resume.original.md"] {
                #expect(try await client.request(.get, "/api/v1/sessions/\(session)/files/\(path)").body == expected, "\(path)")
            }
            #expect(try await client.request(.get, "/api/v1/sessions/\(session)/files/preview/resume.html").body == "<pre>\(expected)</pre>")
            let audit = try await harness.store.audit(sessionId: session)
            #expect(audit.filter { $0.action == "resume_corrected" }.compactMap(\.path).sorted() == ["resume.md", "resume.original.md"])

            // Saving the same text again writes nothing new.
            let versions = try await harness.store.file(sessionId: session, path: "resume.md")?.version
            let same = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: ##"{"markdown":"# Jane Doe\n\n## Experience\n- Led the fares team"}"##)
            #expect(same.status == 200)
            #expect(try await harness.store.file(sessionId: session, path: "resume.md")?.version == versions)
        }
    }

    @Test func correctingIsAllowedOnlyWhereTheWorkflowSays() async throws {
        let harness = try GatewayHarness()
        try await harness.test(with: Self.worker()) { client in
            let session = try await client.createSession()
            let body = ##"{"markdown":"# Jane Doe"}"##
            let draft = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: body)
            #expect(draft.status == 409)
            #expect(draft.errorCode == "invalid_state_transition")

            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let jd = try await client.request(.post, "/api/v1/sessions/\(session)/jd", json: #"{"text":"Senior backend engineer: Go, Kubernetes, PostgreSQL."}"#)
            #expect(jd.status == 201, "\(jd.body)")
            let provided = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: body)
            #expect(provided.status == 200, "\(provided.body)")
            #expect(provided.object["state"] as? String == "jd_provided")

            // Once analysed, the text is what the analysis was built on: no silent replacement.
            try await SessionWorkflow(store: harness.store).apply(.analyze, sessionId: session)
            let analysed = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: body)
            #expect(analysed.status == 409)
            #expect(analysed.errorCode == "invalid_state_transition")

            let workflow = try await client.request(.get, "/api/v1/workflow")
            let rules = workflow.object["rules"] as? [[String: Any]] ?? []
            let rule = try #require(rules.first { $0["action"] as? String == "correct_resume" })
            #expect(rule["from"] as? [String] == ["resume_uploaded", "jd_provided"])
        }
    }

    @Test func aRunInProgressKeepsTheTextAsItIs() async throws {
        let harness = try GatewayHarness()
        try await harness.test(with: Self.worker()) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            _ = try await harness.store.updateSession(id: session) { $0.activeRunId = "run_busy" }
            let reply = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: ##"{"markdown":"# Jane"}"##)
            #expect(reply.status == 409)
            #expect(reply.errorCode == "run_in_progress")
        }
    }

    @Test(arguments: [
        #"{}"#, #"{"markdown":""}"#, #"{"markdown":"  \n\t "}"#, #"{"markdown":"\u0001\u0002"}"#, #"{"markdown":42}"#,
        ##"{"markdown":"# A","extra":1}"##, ##"["# A"]"##,
    ])
    func aCorrectionWithoutTextIs400(body: String) async throws {
        let harness = try GatewayHarness()
        try await harness.test(with: Self.worker()) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let reply = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: body)
            #expect(reply.status == 400, "\(body) → \(reply.body)")
            #expect(reply.errorCode == "invalid_request")
            #expect(try await client.request(.get, "/api/v1/sessions/\(session)/files/resume.md").body.hasPrefix("# Jane Doe"))
        }
    }

    @Test func anOversizedCorrectionIsRefused() async throws {
        let harness = try GatewayHarness()
        try await harness.test(with: Self.worker()) { client in
            let session = try await client.createSession()
            try await Self.upload(client, session, Self.pdf, name: "cv.pdf")
            let long = "# A\n" + String(repeating: "é", count: 100_001)
            let reply = try await client.request(.put, "/api/v1/sessions/\(session)/resume/text", json: ##"{"markdown":"\##(long)"}"##)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "invalid_request")
        }
    }

    @Test func theDocumentDescribesThePageAsAPNG() throws {
        let harness = try GatewayHarness()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(harness.gateway.routes.routes).utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let get = try #require(paths["/api/v1/sessions/{session_id}/resume/pages/{page}"]?["get"])
        let ok = try #require((get["responses"] as? [String: Any])?["200"] as? [String: Any])
        #expect((ok["content"] as? [String: Any])?["image/png"] != nil)
        #expect(paths["/api/v1/sessions/{session_id}/resume/text"]?["put"] != nil)
    }
}

import Foundation
import Testing

/// Step 1's review through the real service: a real two-column resume PDF is uploaded, its pages
/// come back as PNG images rendered by a real worker, and the person's corrected text becomes
/// the resume and its preview.
@Suite("Import review", .serialized, .timeLimit(.minutes(3)))
struct ImportReviewTests {
    static let realResumes = Fixtures.root.deletingLastPathComponent().appendingPathComponent("datasets/real-resumes")

    /// Width of a PNG from its IHDR chunk.
    static func pngWidth(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        return bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test func pagesOfTheUploadedPDFComeFromAWorkerAndTheCorrectedTextIsKept() async throws {
        let service = try ServiceProcess(label: "review")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.newSession()
        let pdf = try Data(contentsOf: Self.realResumes.appendingPathComponent("altacv-sample.pdf"))
        let upload = try await client.upload("/api/v1/sessions/\(session)/resume", file: pdf, filename: "altacv-sample.pdf", contentType: "application/pdf")
        #expect(upload.status == 201, "\(upload.text)")
        let report = try await client.get("/api/v1/sessions/\(session)/files/analysis/import.json").json
        #expect(report["page_count"] as? Int == 2)

        for page in 1...2 {
            let image = try await client.get("/api/v1/sessions/\(session)/resume/pages/\(page)?width=600")
            #expect(image.status == 200, "page \(page): \(image.text.prefix(200))")
            #expect(image.headers["content-type"] == "image/png")
            #expect(image.headers["x-page-count"] == "2")
            #expect(Self.pngWidth(image.body) == 600)
            let tag = try #require(image.headers["etag"])
            let again = try await client.get("/api/v1/sessions/\(session)/resume/pages/\(page)?width=600", headers: ["If-None-Match": tag])
            #expect(again.status == 304)
        }
        let beyond = try await client.get("/api/v1/sessions/\(session)/resume/pages/3")
        #expect(beyond.status == 404)
        #expect(beyond.errorCode == "not_found")

        let corrected = "# Your Name Here\n\n## Experience\n\n### Job Title 1 — Company 1\n\n- Did the thing that mattered\n"
        let put = try await client.request("PUT", "/api/v1/sessions/\(session)/resume/text", json: ["markdown": corrected])
        #expect(put.status == 200, "\(put.text)")
        #expect(put.json["preview"] as? String == "preview/resume.html")
        #expect(try await client.get("/api/v1/sessions/\(session)/files/resume.md").text == corrected)
        #expect(try await client.get("/api/v1/sessions/\(session)/files/resume.original.md").text == corrected)
        let preview = try await client.get("/api/v1/sessions/\(session)/files/preview/resume.html").text
        #expect(preview.contains("Did the thing that mattered"))
    }

    /// A detailed page at the widest size makes a PNG far larger than a socket's buffer: the
    /// worker's last frame must still arrive whole before it exits.
    @Test func aLargePageImageArrivesWhole() async throws {
        let service = try ServiceProcess(label: "review-big")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.newSession()
        let pdf = try Data(contentsOf: Self.realResumes.appendingPathComponent("sb2nov-resume.pdf"))
        let upload = try await client.upload("/api/v1/sessions/\(session)/resume", file: pdf, filename: "sb2nov-resume.pdf", contentType: "application/pdf")
        #expect(upload.status == 201, "\(upload.text)")
        let image = try await client.get("/api/v1/sessions/\(session)/resume/pages/1?width=2000")
        #expect(image.status == 200, "\(image.text.prefix(200))")
        #expect(image.body.count > 400_000)
        #expect((Self.pngWidth(image.body) ?? 0) > 1500)
    }

    @Test func aTextUploadHasNoPagesToShow() async throws {
        let service = try ServiceProcess(label: "review-md")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.preparedSession(resume: "resumes/alex-chen.md")
        let page = try await client.get("/api/v1/sessions/\(session)/resume/pages/1")
        #expect(page.status == 404)
        #expect(page.errorCode == "not_found")
    }
}

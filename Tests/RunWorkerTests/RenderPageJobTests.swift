import Foundation
import IPC
import Testing
@testable import RunWorker

/// `render_page`: a page of the uploaded PDF as a PNG for the import review, bounded in size.
@Suite struct RenderPageJobTests {
    /// Width and height from a PNG's IHDR chunk.
    static func size(ofPNG data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    static func render(_ file: String, page: Int, width: Int) async throws -> RunEnd {
        try await Runs.job(["kind": "render_page", "path": .string(Fixtures.url(file).path), "page": .number(Double(page)), "width": .number(Double(width))])
    }

    /// Asked width → width drawn: as asked within 200–2000, clamped outside; at the widest, the
    /// renderer's pixel cap (4 million) narrows a letter page further.
    @Test(arguments: [(640, 640), (50, 200), (9000, 1758)])
    func aPageIsAPNGOfTheAskedWidthWithinTheRenderersBounds(_ asked: Int, _ expected: Int) async throws {
        let end = try await Self.render("resumes/alex-chen.pdf", page: 1, width: asked)
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")
        let result = try #require(end.result(as: RenderPageRequest.Result.self))
        let png = try #require(Data(base64Encoded: result.pngBase64))
        let size = try #require(Self.size(ofPNG: png))
        #expect(size.width == expected)
        #expect(size.height > size.width, "a portrait page")
        #expect(size.width * size.height <= 4_000_000)
        #expect(result.pageCount == 1)
    }

    @Test func aPageBeyondTheDocumentIsTheContractsNotFound() async throws {
        let end = try await Self.render("resumes/alex-chen.pdf", page: 2, width: 600)
        #expect(end.outcome == .failed)
        #expect(end.failure?.kind == .invalidInput)
        #expect(end.failure?.code == "not_found")
        #expect(end.failure?.status == 404)
        #expect(end.failure?.message == "The uploaded PDF has 1 page; there is no page 2.")
        let zero = try await Self.render("resumes/alex-chen.pdf", page: 0, width: 600)
        #expect(zero.failure?.status == 404)
    }

    @Test func aFileThatIsNotAReadablePDFFailsAsTheImportWould() async throws {
        for file in ["resumes/alex-chen.md", "bad/truncated.pdf"] {
            let end = try await Self.render(file, page: 1, width: 600)
            #expect(end.outcome == .failed, "\(file)")
            #expect(end.failure?.kind == .invalidInput, "\(file)")
            #expect((400..<500).contains(end.failure?.status ?? 0), "\(file): \(end.failure?.code ?? "")")
        }
    }

    @Test func anImageTooLargeForOneFrameIsRenderedNarrowerUntilItFits() throws {
        let path = Fixtures.url("resumes/alex-chen.pdf").path
        let wide = try RenderPageJob.run(RenderPageRequest(path: path, page: 1, width: 1600))
        let wideBytes = try #require(Data(base64Encoded: wide.pngBase64))
        // A bound below the wide image's size forces narrower renders until one fits.
        let limit = wideBytes.count / 3
        let bounded = try RenderPageJob.run(RenderPageRequest(path: path, page: 1, width: 1600), maximumPNGBytes: limit)
        let png = try #require(Data(base64Encoded: bounded.pngBase64))
        #expect(png.count <= limit)
        let width = try #require(Self.size(ofPNG: png)?.width)
        #expect(width < 1600 && width >= 200)
        // A bound nothing can meet is a clear failure, not an oversized frame.
        #expect(throws: JobFailure.self) { try RenderPageJob.run(RenderPageRequest(path: path, page: 1, width: 1600), maximumPNGBytes: 10) }
    }
}

import Foundation
import IPC
import Testing
@testable import RunWorker

@Suite struct ImportResumeJobTests {
    static let formats: [(file: String, format: String, type: String)] = [
        ("resumes/alex-chen.md", "markdown", "text/markdown"),
        ("resumes/alex-chen.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("resumes/alex-chen.pdf", "pdf", "application/pdf"),
        ("resumes/maria-santos.md", "markdown", "text/markdown"),
        ("resumes/maria-santos.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("resumes/maria-santos.pdf", "pdf", "application/pdf"),
    ]

    @Test(arguments: formats)
    func importsEveryFixtureFormatIntoMarkdownAndPreview(_ fixture: (file: String, format: String, type: String)) async throws {
        let url = Fixtures.url(fixture.file)
        let end = try await Runs.job([
            "kind": "import_resume", "filename": .string(url.lastPathComponent), "content_type": .string(fixture.type),
        ], input: url.path)
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")
        let result = try #require(end.result)
        let markdown = try #require(result["markdown"]?.stringValue)
        #expect(result["format"]?.stringValue == fixture.format)
        let expectedName = fixture.file.contains("alex") ? "Alex Chen" : "Maria Santos"
        #expect(result["name"]?.stringValue == expectedName)
        #expect(markdown.hasPrefix("# \(expectedName)"))
        #expect(markdown.contains("## Experience"))
        #expect(result["preview_html"]?.stringValue?.contains("<html") == true)
        #expect(result["warnings"]?.arrayValue != nil)
        #expect(result["report"]?["confidence"] != nil)
        #expect(result["report"]?["sections"]?.arrayValue?.isEmpty == false)
    }

    static let badFiles: [(file: String, code: String, status: Int)] = [
        ("truncated.pdf", "corrupt_pdf", 422),
        ("empty.txt", "empty_file", 400),
        ("text-named.pdf", "type_mismatch", 415),
        ("binary-garbage.docx", "corrupt_docx", 422),
        ("zip-bomb.docx", "archive_too_large", 413),
        ("image-only.pdf", "no_text_layer", 422),
    ]

    @Test(arguments: badFiles)
    func refusesEveryBadFixtureWithATypedFailureQuickly(_ bad: (file: String, code: String, status: Int)) async throws {
        let started = ContinuousClock.now
        let end = try await Runs.job(["kind": "import_resume", "filename": .string(bad.file)], input: Fixtures.url("bad/\(bad.file)").path)
        // A hang guard, not a speed test (bench/import.sh measures speed): a bomb that was
        // expanded, or a parser stuck on garbage, would blow through it.
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(end.outcome == .failed)
        #expect(end.failure?.kind == .invalidInput)
        #expect(end.failure?.code == bad.code)
        #expect(end.failure?.status == bad.status)
        #expect(end.failure?.message.isEmpty == false)
    }

    @Test func aMissingInputDescriptorIsAnInternalFailureNotACrash() async throws {
        let end = try await Runs.job(["kind": "import_resume", "filename": "cv.pdf"])
        #expect(end.outcome == .failed)
        #expect(end.failure?.kind == .internal)
        #expect(end.failure?.code == "upload_unreadable")
    }

    @Test func aDirectoryPassedAsInputIsRefusedNotRead() async throws {
        let end = try await Runs.job(["kind": "import_resume", "filename": "cv.pdf"], input: Fixtures.url("resumes").path, directory: true)
        #expect(end.failure?.code == "upload_unreadable")
    }
}

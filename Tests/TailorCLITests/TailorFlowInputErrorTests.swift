import Foundation
import ResumeKit
import ResumeImport
import Testing
@testable import TailorCLI

/// Unusable inputs end with one clear line on the error output, a distinct exit status, and
/// nothing written.
@Suite struct TailorFlowInputErrorTests {
    @Test(arguments: ["binary-garbage.docx", "empty.txt", "image-only.pdf", "text-named.pdf", "truncated.pdf", "zip-bomb.docx"])
    func aBadResumeFileGivesTheImportersMessageAndExit65(file: String) async throws {
        let out = try TemporaryDirectory()
        let path = Fixtures.path("bad/\(file)")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = try #require(Self.importError(data, filename: file), "\(file) must not import")
        let options = TailorOptions(
            resumePath: path, jobDescription: .file(path: Fixtures.path("jds/senior-backend-platform.txt")),
            outputDirectory: out.file("result"), now: Fixtures.now)
        let harness = FlowHarness(options)

        let status = await harness.flow.run()

        #expect(status == .dataError)
        #expect(status.rawValue == 65)
        #expect(harness.errors.text == "error: \(path): \(expected.message)\n")
        #expect(!FileManager.default.fileExists(atPath: out.file("result")))
    }

    private static func importError(_ data: Data, filename: String) -> ResumeImportError? {
        do {
            _ = try ResumeImporter.import(data: data, filename: filename, declaredContentType: nil)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingResumeFileIsNamedInTheMessage() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions(
            resumePath: out.file("nope.pdf"), jobDescription: .file(path: Fixtures.path("jds/senior-backend-platform.txt")),
            outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        let status = await harness.flow.run()

        #expect(status == .noInput)
        #expect(harness.errors.text == "error: The resume file '\(out.file("nope.pdf"))' does not exist. Check the path and try again.\n")
        #expect(harness.output.text.isEmpty)
    }

    @Test func aMissingJobDescriptionFileIsNamedInTheMessage() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions(
            resumePath: Fixtures.path("resumes/alex-chen.md"), jobDescription: .file(path: out.file("jd.txt")),
            outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .noInput)
        #expect(harness.errors.text.contains("The job description file '\(out.file("jd.txt"))' does not exist."))
    }

    @Test func anEmptyJobDescriptionIsAnInputError() async throws {
        let out = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: out.file("jd.txt"), contents: Data(" \n\n".utf8)))
        let options = TailorOptions(
            resumePath: Fixtures.path("resumes/alex-chen.md"), jobDescription: .file(path: out.file("jd.txt")),
            outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .dataError)
        #expect(harness.errors.text.contains("has no text"))
    }

    @Test func anOversizedResumeIsRefusedWithoutReadingIt() async throws {
        let out = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: out.file("huge.pdf"), contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out.file("huge.pdf")))
        try handle.truncate(atOffset: UInt64(ResumeImporter.maximumFileBytes + 1))  // sparse: no bytes written
        try handle.close()
        let options = TailorOptions(
            resumePath: out.file("huge.pdf"), jobDescription: .file(path: Fixtures.path("jds/senior-backend-platform.txt")),
            outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .dataError)
        let message = ResumeImportError.fileTooLarge(limit: ResumeImporter.maximumFileBytes).message
        #expect(harness.errors.text == "error: \(out.file("huge.pdf")): \(message)\n")
    }

    @Test func aDirectoryAsResumeIsRefused() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions(
            resumePath: out.path, jobDescription: .file(path: Fixtures.path("jds/senior-backend-platform.txt")),
            outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .noInput)
        #expect(harness.errors.text.contains("it is a directory"))
    }

    @Test func anUnwritableOutputDirectoryIsAnIOError() async throws {
        let out = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: out.file("taken"), contents: Data("a file".utf8)))
        let options = TailorOptions.fixture(
            resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.file("taken"), autoApprove: true)
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .ioError)
        #expect(harness.errors.text.hasPrefix("error: Could not write '\(out.file("taken"))'"))
    }

    @Test func aURLNeedsTheServersFetcher() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions(
            resumePath: Fixtures.path("resumes/alex-chen.md"),
            jobDescription: .url(URL(string: "https://jobs.example.com/123")!), outputDirectory: out.file("result"))
        let harness = FlowHarness(options)

        #expect(await harness.flow.run() == .unavailable)
        #expect(harness.errors.text.contains("needs the server's fetcher"))
        #expect(harness.errors.text.contains("https://jobs.example.com/123"))
        #expect(!FileManager.default.fileExists(atPath: out.file("result")))
    }

    @Test func anInjectedFetcherSuppliesTheJobDescription() async throws {
        struct StaticSource: JobDescriptionSource {
            let text: String
            func fetch(url: URL) async throws -> String { text }
        }
        let out = try TemporaryDirectory()
        let options = TailorOptions(
            resumePath: Fixtures.path("resumes/alex-chen.md"),
            jobDescription: .url(URL(string: "https://jobs.example.com/123")!), autoApprove: true,
            outputDirectory: out.path, now: Fixtures.now)
        let harness = FlowHarness(
            options, jobDescriptions: StaticSource(text: try Fixtures.text("jds/senior-backend-platform.txt")))

        let result = try await harness.flow.tailor()

        #expect(result.initialReport.requirements.contains { $0.id == "kubernetes" && $0.status == .missing })
        #expect(harness.output.text.contains("Job     https://jobs.example.com/123: Senior Backend Engineer"))
    }
}

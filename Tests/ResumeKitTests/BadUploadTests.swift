import Foundation
import Testing
@testable import ResumeKit
@testable import ResumeImport

@Suite("Uploads that are not usable resumes")
struct BadUploadTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var code: String
        var status: Int
        var testDescription: String { file }
    }

    static let fixtures: [Case] = [
        Case(file: "truncated.pdf", code: "corrupt_pdf", status: 422),
        Case(file: "empty.txt", code: "empty_file", status: 400),
        Case(file: "text-named.pdf", code: "type_mismatch", status: 415),
        Case(file: "binary-garbage.docx", code: "corrupt_docx", status: 422),
        Case(file: "zip-bomb.docx", code: "archive_too_large", status: 413),
        Case(file: "image-only.pdf", code: "no_text_layer", status: 422),
    ]

    @Test("Each bad fixture gets its typed error quickly", arguments: fixtures)
    func badFixtureIsRefused(_ expected: Case) throws {
        let data = try Fixtures.data("bad/\(expected.file)")
        let clock = ContinuousClock()
        var caught: ResumeImportError?
        let elapsed = clock.measure {
            do {
                _ = try ResumeImporter.import(data: data, filename: expected.file, declaredContentType: nil)
            } catch {
                caught = error as? ResumeImportError
            }
        }
        #expect(caught?.code == expected.code)
        #expect(caught?.httpStatus == expected.status)
        #expect(caught?.message.isEmpty == false)
        #expect(elapsed < .seconds(20))  // a hang guard, not a speed test (bench/import.sh)
    }

    @Test func scanMessageSuggestsTheOriginalFile() throws {
        let message = ResumeImportError.noTextLayer.message
        #expect(message.contains("No text could be read"))
        #expect(message.contains("DOCX"))
        #expect(message.contains("paste"))
    }

    @Test func pdfNamedDocxIsAMismatch() throws {
        let data = try Fixtures.data("resumes/alex-chen.pdf")
        #expect(throws: ResumeImportError.typeMismatch(declared: .docx, actual: .pdf)) {
            try ResumeImporter.import(data: data, filename: "resume.docx", declaredContentType: nil)
        }
    }

    @Test func declaredContentTypeMustMatchToo() throws {
        let data = try Fixtures.data("resumes/alex-chen.md")
        #expect(throws: ResumeImportError.typeMismatch(declared: .pdf, actual: .markdown)) {
            try ResumeImporter.import(data: data, filename: nil, declaredContentType: "application/pdf")
        }
        #expect(throws: Never.self) {
            try ResumeImporter.import(data: data, filename: "cv.txt", declaredContentType: "text/plain; charset=utf-8")
        }
    }

    @Test func unknownExtensionIsUnsupported() {
        #expect(throws: ResumeImportError.self) {
            try ResumeImporter.import(data: Data("Alex\n\nExperience\n".utf8), filename: "cv.exe", declaredContentType: nil)
        }
        #expect(throws: ResumeImportError.unsupportedMediaType(detail: "image")) {
            try ResumeImporter.import(data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]), filename: nil, declaredContentType: nil)
        }
    }

    @Test func whitespaceOnlyIsEmpty() {
        #expect(throws: ResumeImportError.emptyFile) {
            try ResumeImporter.import(data: Data("  \n\t\n".utf8), filename: "cv.md", declaredContentType: nil)
        }
    }

    @Test func zipWithoutDocumentIsCorrupt() {
        let zip = TestZip.archive([TestZip.Entry(path: "hello.txt", data: Data("hi".utf8))])
        #expect(throws: ResumeImportError.corruptDOCX(detail: "no word/document.xml")) {
            try ResumeImporter.import(data: zip, filename: "cv.docx", declaredContentType: nil)
        }
    }

    @Test func malformedDocumentXMLIsCorrupt() {
        let zip = TestZip.archive([TestZip.Entry(path: "word/document.xml", data: Data("<w:document><w:body><w:p>".utf8))])
        #expect(throws: ResumeImportError.corruptDOCX(detail: "malformed XML")) {
            try ResumeImporter.import(data: zip, filename: "cv.docx", declaredContentType: nil)
        }
    }

    @Test func entityDeclarationsAreRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><w:document/>"
        let zip = TestZip.archive([TestZip.Entry(path: "word/document.xml", data: Data(xml.utf8))])
        #expect(throws: ResumeImportError.corruptDOCX(detail: "document declares a DTD")) {
            try ResumeImporter.import(data: zip, filename: "cv.docx", declaredContentType: nil)
        }
    }

    @Test func entryThatInflatesPastItsDeclaredSizeIsStopped() {
        // The headers claim 100 bytes; the entry really holds 64 KiB.
        let body = Data(repeating: UInt8(ascii: "a"), count: 64 * 1024)
        let zip = TestZip.archive([TestZip.Entry(path: "word/document.xml", data: body, declaredSize: 100)])
        #expect(throws: ResumeImportError.self) {
            try DOCXResumeReader.lines(from: zip)
        }
    }

    @Test func tooManyEntriesAreRefusedBeforeInflating() {
        let entries = (0..<20).map { TestZip.Entry(path: "word/part\($0).xml", data: Data("x".utf8)) }
        let zip = TestZip.archive(entries)
        #expect(throws: ResumeImportError.archiveTooLarge(detail: "more than 10 entries")) {
            try DOCXResumeReader.lines(from: zip, limits: ArchiveLimits(maximumEntries: 10))
        }
    }

    @Test func declaredTotalOverLimitIsRefused() {
        let entries = [TestZip.Entry(path: "word/document.xml", data: Data("x".utf8), declaredSize: 2_000_000)]
        let zip = TestZip.archive(entries)
        #expect(throws: ResumeImportError.self) {
            try DOCXResumeReader.lines(from: zip, limits: ArchiveLimits(maximumTotalUncompressedBytes: 1_000_000))
        }
    }

    /// Noise under every name and magic number ends in a typed refusal or an import, never a
    /// crash or an untyped error; anything that claims to be a PDF or DOCX and is not is refused.
    @Test func garbageIsRefusedWithATypedErrorNeverACrash() {
        var generator = SeededGenerator(seed: 42)
        var refused = 0, imported = 0
        for length in [1, 7, 64, 1000] {
            for prefix in [Data(), Data("%PDF-1.7\n".utf8), Data([0x50, 0x4B, 0x03, 0x04])] {
                let noise = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
                for name in ["x.pdf", "x.docx", "x.md", "x.txt", "x"] {
                    do {
                        let resume = try ResumeImporter.import(data: prefix + noise, filename: name, declaredContentType: nil)
                        #expect(!prefix.isEmpty || !name.hasSuffix(".pdf"), "noise named .pdf is not a PDF")
                        #expect(!resume.markdown.contains("\u{0}"), "no NUL reaches the resume text")
                        imported += 1
                    } catch is ResumeImportError {
                        refused += 1
                    } catch {
                        Issue.record("untyped error for \(name) (\(prefix.count)+\(length) bytes): \(error)")
                    }
                }
            }
        }
        #expect(refused >= 24, "every fake PDF and DOCX is refused (refused \(refused), imported \(imported))")
    }
}

/// Deterministic randomness for fuzz-style tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

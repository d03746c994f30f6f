import Foundation
import ResumeRender
import Testing
@testable import TailorCLI

@Suite struct TailorOptionsTests {
    @Test func flagsMapToOptions() throws {
        let options = try TailorOptions(
            resume: "cv.pdf", jd: "jd.txt", autoApprove: true, export: "pdf, DOCX,pdf", out: "dir", pageSize: "A4")
        #expect(options.resumePath == "cv.pdf")
        #expect(options.jobDescription == .file(path: "jd.txt"))
        #expect(options.autoApprove)
        #expect(options.exportFormats == [.pdf, .docx])
        #expect(options.outputDirectory == "dir")
        #expect(options.pageSize == .a4)
    }

    @Test func defaults() throws {
        let options = try TailorOptions(resume: "cv.md", jd: "jd.txt", autoApprove: false, export: nil, out: nil, pageSize: nil)
        #expect(options.exportFormats.isEmpty)
        #expect(options.outputDirectory == "tailored")
        #expect(options.pageSize == .letter)
    }

    @Test(arguments: ["pdf,xls", ",", "rtf"])
    func unknownExportFormatsAreUsageErrors(list: String) {
        #expect { try TailorOptions.parseExportFormats(list) } throws: { error in
            guard let error = error as? TailorError, case .usage = error else { return false }
            return error.exitCode == .usage
        }
    }

    @Test func unknownPageSizeIsAUsageError() {
        #expect(throws: TailorError.usage("--page-size: 'legal' is not a page size; choose letter or a4.")) {
            try TailorOptions.parsePageSize("legal")
        }
    }

    @Test func webAddressesAreURLsAndOtherSchemesAreRefused() throws {
        #expect(try TailorOptions.JobDescriptionInput(argument: "https://jobs.example.com/1")
            == .url(URL(string: "https://jobs.example.com/1")!))
        #expect(try TailorOptions.JobDescriptionInput(argument: "HTTP://jobs.example.com/1")
            == .url(URL(string: "HTTP://jobs.example.com/1")!))
        #expect(try TailorOptions.JobDescriptionInput(argument: "jds/a:b.txt") == .file(path: "jds/a:b.txt"))
        #expect(throws: TailorError.self) { try TailorOptions.JobDescriptionInput(argument: "ftp://example.com/jd.txt") }
        #expect(throws: TailorError.self) { try TailorOptions.JobDescriptionInput(argument: "https://") }
    }
}

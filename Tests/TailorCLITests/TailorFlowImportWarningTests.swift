import Foundation
import ResumeKit
import Testing
@testable import TailorCLI

/// `resume-agent tailor` prints the import report's warnings — the same list step 1 of the web UI
/// shows — under the resume line, a low-confidence import first, before anything is analysed.
@Suite struct TailorFlowImportWarningTests {
    private func tailor(_ pdf: Data) async throws -> (printed: String, imported: ImportedResume, status: TailorExitCode) {
        let directory = try TemporaryDirectory()
        let path = directory.file("columns.pdf")
        try pdf.write(to: URL(fileURLWithPath: path))
        let imported = try ResumeImporter.import(data: pdf, filename: "columns.pdf", declaredContentType: nil)
        let options = TailorOptions(
            resumePath: path, jobDescription: .file(path: Fixtures.path("jds/senior-backend-platform.txt")),
            autoApprove: true, outputDirectory: directory.file("out"), now: Fixtures.now)
        let harness = FlowHarness(options)
        let status = await harness.flow.run()
        return (harness.output.text, imported, status)
    }

    /// The header block: from the "Resume" line up to the "Job" line.
    private func header(_ printed: String) throws -> [String] {
        let lines = printed.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Resume  ") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("Job     ") })
        return Array(lines[(start + 1)..<end])
    }

    @Test func anAmbiguousThreeColumnPageIsPrintedAsAWarning() async throws {
        let (printed, imported, status) = try await tailor(ColumnsPDF.threeColumns(withHeader: true))
        #expect(status == .success)
        let ambiguous = try #require(imported.warnings.first { $0.code == "ambiguous_columns" })
        let notes = try header(printed)
        #expect(notes.contains("  note: \(ambiguous.message)"))
        // Every warning of the report, each once, and nothing else.
        #expect(notes.count == imported.warnings.count)
        for warning in imported.warnings {
            #expect(notes.filter { $0.hasSuffix(": \(warning.message)") }.count == 1, "not printed: \(warning.code)")
        }
    }

    @Test func aLowConfidenceImportSaysSoFirst() async throws {
        let (printed, imported, status) = try await tailor(ColumnsPDF.threeColumns(withHeader: false))
        #expect(status == .success)
        #expect(imported.report.lowConfidence)
        let low = try #require(imported.warnings.first { $0.code == "low_confidence" })
        let notes = try header(printed)
        #expect(notes.first == "  warning: \(low.message)")
        #expect(Set(notes.dropFirst()) == Set(imported.warnings.filter { $0.code != "low_confidence" }.map { "  note: \($0.message)" }))
        #expect(notes.count == imported.warnings.count)
    }

    @Test func aCleanImportPrintsNoWarnings() async throws {
        let path = Fixtures.path("resumes/maria-santos.pdf")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let imported = try ResumeImporter.import(data: data, filename: "maria-santos.pdf", declaredContentType: nil)
        try #require(imported.warnings.isEmpty, "the fixture imports cleanly")
        let directory = try TemporaryDirectory()
        let harness = FlowHarness(TailorOptions.fixture(resume: "maria-santos.pdf", jd: "data-scientist-ml.txt", out: directory.file("out"), autoApprove: true))
        #expect(await harness.flow.run() == .success)
        #expect(try header(harness.output.text).isEmpty)
    }
}

import Foundation
import IPC
import ResumeMatch
import Testing
@testable import RunWorker

/// A model configured for the analysis may add requirements the built-in reading missed; each
/// must quote the job description and pass the same filters, and the local engine (no
/// arguments) gets exactly the deterministic report.
@Suite struct AnalyzeGapToolTests {
    static let jd = """
        Platform Engineer — Northwind Logistics (Springfield)

        Requirements
        - Experience operating Vitess clusters in production.
        - You know your way around our Springfield data centre.
        """

    static let arguments: JSONValue = ["extra_requirements": [
        ["label": "Vitess", "quote": "Experience operating Vitess clusters in production.", "priority": "must"],
        ["label": "Northwind Logistics", "quote": "Platform Engineer — Northwind Logistics (Springfield)"],
        ["label": "Rust", "quote": "Experience with Rust."],
    ]]

    @Test func schemaAcceptsExtraRequirementsAndRejectsStrayFields() {
        let schema = AnalyzeGapTool().spec.parameters
        #expect(SchemaValidator.violations(of: Self.arguments, against: schema).isEmpty)
        #expect(SchemaValidator.violations(of: [:], against: schema).isEmpty)
        let stray: JSONValue = ["extra_requirements": [["label": "Go", "quote": "Go", "why": "x"]]]
        #expect(!SchemaValidator.violations(of: stray, against: schema).isEmpty)
    }

    @Test func proposalsAreReadAndReviewedWithReasons() throws {
        let proposals = try AnalyzeGapTool.proposals(ToolArguments(Self.arguments.objectValue ?? [:]))
        #expect(proposals.map(\.label) == ["Vitess", "Northwind Logistics", "Rust"])
        #expect(proposals.first?.priority == .must)
        let review = AnalyzeGapTool.review(proposals, jd: Self.jd)
        #expect(review.contains("1 accepted"), "\(review)")
        #expect(review.contains("Northwind Logistics (not_a_requirement_part)"), "\(review)")
        #expect(review.contains("Rust (quote_not_in_posting)"), "\(review)")
    }

    @Test func acceptedProposalsJoinTheReportAndNoArgumentsChangeNothing() throws {
        let resume = "# Kim\n\n## Experience\n\n- Ran Vitess clusters for checkout.\n"
        let now = Date(timeIntervalSince1970: 1_718_409_600)
        let plain = GapAnalyzer().analyze(resume: resume, jobDescription: Self.jd, now: now)
        let none = try AnalyzeGapTool.proposals(ToolArguments([:]))
        #expect(GapAnalyzer().analyze(resume: resume, jobDescription: Self.jd, now: now, proposed: none) == plain)
        #expect(AnalyzeGapTool.review(none, jd: Self.jd).isEmpty)
        let proposals = try AnalyzeGapTool.proposals(ToolArguments(Self.arguments.objectValue ?? [:]))
        let extended = GapAnalyzer().analyze(resume: resume, jobDescription: Self.jd, now: now, proposed: proposals)
        let labels = extended.requirements.map { $0.label.lowercased() }
        #expect(labels.contains { $0.contains("vitess") })
        #expect(!labels.contains { $0.contains("northwind") || $0.contains("rust") })
    }

    @Test func tooManyProposalsAreAToolError() {
        let item: JSONValue = ["label": "Go", "quote": "Go"]
        let many = ToolArguments(["extra_requirements": .array(Array(repeating: item, count: AnalyzeGapTool.maxExtraRequirements + 1))])
        #expect(throws: ToolError.self) { try AnalyzeGapTool.proposals(many) }
    }
}

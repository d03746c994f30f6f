import Foundation
import ResumeMatch
import Testing
@testable import TailorCLI

/// The whole journey in process on the fixture pairs, with scripted answers.
@Suite struct TailorFlowEndToEndTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        let resume: String
        let jd: String
        var testDescription: String { "\(resume) × \(jd)" }
    }

    static let pairs = [
        Pair(resume: "alex-chen.md", jd: "senior-backend-platform.txt"),
        Pair(resume: "maria-santos.md", jd: "data-scientist-ml.txt"),
        Pair(resume: "alex-chen.docx", jd: "senior-backend-platform.txt"),
        Pair(resume: "maria-santos.pdf", jd: "data-scientist-ml.txt"),
    ]

    static let answerScripts: [[String]] = [
        ["y", "n", "y", "n", "y", "n", "y", "n"],
        ["n", "y", "n", "y", "n", "y", "n", "y"],
        ["y", "y", "y", "y", "y", "y", "y", "y"],
    ]

    @Test(arguments: pairs, answerScripts)
    func finalResumeIsExactlyTheAcceptedDiffsApplied(pair: Pair, answers: [String]) async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: pair.resume, jd: pair.jd, out: out.path, exports: [.pdf, .docx])
        let harness = FlowHarness(options, answers: answers)

        let result = try await harness.flow.tailor()

        // The proposals the person saw, made the same way the flow made them.
        let jd = try Fixtures.text("jds/\(pair.jd)")
        let proposals = RewritePlanner.propose(resume: result.originalMarkdown, jd: jd, report: result.initialReport)
        try #require(proposals.count >= 2, "the fixtures give the planner something to propose")
        #expect(result.decisions.map(\.proposalID) == proposals.map(\.id))
        let accepted = proposals.indices.filter { answers[$0] == "y" }
        #expect(result.decisions.indices.filter { result.decisions[$0].outcome == .applied } == accepted)
        var expected = result.originalMarkdown
        for index in accepted {
            expected = try UnifiedDiff.apply(proposals[index].diff, to: expected)
        }
        #expect(result.finalMarkdown == expected)
        #expect(try String(contentsOfFile: out.file("resume.md"), encoding: .utf8) == expected)
        #expect(try String(contentsOfFile: out.file("resume.original.md"), encoding: .utf8) == result.originalMarkdown)

        // What was printed: the score, and every accepted diff's lines.
        let printed = harness.output.text
        #expect(printed.contains("Match score: \(result.initialReport.score.score)/100"))
        #expect(printed.contains(result.initialReport.score.formula))
        #expect(printed.contains("Final match score: \(result.finalReport.score.score)/100"))
        #expect(printed.components(separatedBy: "Apply this change? [y/N/q]").count - 1 == proposals.count)
        for index in accepted {
            for line in proposals[index].diff.split(separator: "\n") where line.hasPrefix("+") || line.hasPrefix("-") || line.hasPrefix("@@") {
                #expect(printed.contains(line), "diff line missing from the output: \(line)")
            }
        }
        #expect(harness.errors.text.isEmpty)
    }

    @Test(arguments: pairs.prefix(2))
    func outputDirectoryHoldsAnalysisPreviewAndExports(pair: Pair) async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: pair.resume, jd: pair.jd, out: out.path, exports: [.pdf, .docx])
        let harness = FlowHarness(options, answers: ["y", "y", "y", "y", "y", "y"])

        let result = try await harness.flow.tailor()

        let gap = try GapReport.decode(from: Data(contentsOf: URL(fileURLWithPath: out.file("analysis/gap.json"))))
        #expect(gap == result.finalReport)
        let gapMarkdown = try String(contentsOfFile: out.file("analysis/gap.md"), encoding: .utf8)
        #expect(gapMarkdown.contains("Match score: \(result.finalReport.score.score)/100"))
        let html = try String(contentsOfFile: out.file("preview/resume.html"), encoding: .utf8)
        #expect(html.lowercased().hasPrefix("<!doctype html"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        let pdf = try #require(files.first { $0.hasSuffix(".pdf") })
        let docx = try #require(files.first { $0.hasSuffix(".docx") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: out.file(pdf))).prefix(5) == Data("%PDF-".utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out.file(docx))).prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        // Every file is reported, and atomic writes leave no temporary files behind.
        for path in result.writtenFiles {
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(harness.output.text.contains(path))
        }
        let everything = try FileManager.default.subpathsOfDirectory(atPath: out.path)
        #expect(!everything.contains { ($0 as NSString).lastPathComponent.hasPrefix(".") })
    }

    @Test func quittingKeepsWhatWasAcceptedAndStillWritesTheResults() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.path)
        let harness = FlowHarness(options, answers: ["y", "q", "y"])

        let result = try await harness.flow.tailor()

        #expect(result.decisions.map(\.outcome) == [.applied, .notReviewed])
        #expect(harness.answers.remaining == 1)
        #expect(result.finalMarkdown != result.originalMarkdown)
        #expect(try String(contentsOfFile: out.file("resume.md"), encoding: .utf8) == result.finalMarkdown)
        #expect(harness.output.text.contains("Stopped reviewing"))
    }

    @Test func runningOutOfAnswersAppliesNothingMore() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.path)
        let harness = FlowHarness(options, answers: [])

        let result = try await harness.flow.tailor()

        #expect(result.decisions.allSatisfy { $0.outcome == .notReviewed })
        #expect(result.finalMarkdown == result.originalMarkdown)
    }

    @Test func anUnclearAnswerIsAskedAgain() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.path)
        let harness = FlowHarness(options, answers: ["maybe", "YES", ""])

        let result = try await harness.flow.tailor()

        #expect(result.decisions.map(\.outcome) == [.applied, .rejected])
        #expect(harness.output.text.contains("Please answer y (apply), n (do not apply) or q (stop reviewing)."))
    }
}

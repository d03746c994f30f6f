import Foundation
import ResumeMatch
import ResumeRender
@testable import TailorCLI

/// Test inputs from `shared/fixtures`, beside the repository checkout (`<repo>/../shared/fixtures`),
/// found from this file's path so tests run from any directory.
enum Fixtures {
    // Symlinks resolved first: a dev package may link this folder from elsewhere.
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // TailorCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/fixtures")
        .standardizedFileURL

    static func path(_ relativePath: String) -> String {
        root.appendingPathComponent(relativePath).path
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOfFile: path(relativePath), encoding: .utf8)
    }

    /// A fixed "now", so "Present" and the scores do not move with the calendar.
    static let now = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01
}

/// A directory of its own for one test, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailor-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

/// One flow with scripted answers and captured output.
struct FlowHarness {
    let output = CapturedOutput()
    let errors = CapturedOutput()
    let answers: ScriptedLineReader
    let flow: TailorFlow

    init(
        _ options: TailorOptions, answers: [String] = [], style: TerminalStyle = .plain,
        proposals: any ProposalSource = RewritePlannerSource(),
        jobDescriptions: any JobDescriptionSource = UnavailableJobDescriptionSource()
    ) {
        self.answers = ScriptedLineReader(answers)
        flow = TailorFlow(
            options: options, input: self.answers, output: output, errors: errors, style: style,
            proposals: proposals, jobDescriptions: jobDescriptions)
    }
}

extension TailorOptions {
    static func fixture(
        resume: String, jd: String, out: String, autoApprove: Bool = false, exports: [ExportFormat] = []
    ) -> TailorOptions {
        TailorOptions(
            resumePath: Fixtures.path("resumes/\(resume)"), jobDescription: .file(path: Fixtures.path("jds/\(jd)")),
            autoApprove: autoApprove, exportFormats: exports, outputDirectory: out, now: Fixtures.now)
    }
}

/// Wraps the planner and adds a proposal that claims Kubernetes and AWS experience in the
/// summary, which neither fixture resume supports. `reportsFlags: false` plays a source that
/// lies about it (an LLM that says "no issues"), which the flow must catch on its own.
struct InventedClaimSource: ProposalSource {
    var reportsFlags = true
    /// Where the invented proposal goes in the list.
    var position = 0

    func proposals(resume: String, jobDescription: String, report: GapReport) async throws -> [EditProposal] {
        var proposals = RewritePlanner.propose(resume: resume, jd: jobDescription, report: report)
        guard let base = proposals.first else { return proposals }
        proposals.insert(Self.invented(from: base, resume: resume, reportsFlags: reportsFlags), at: min(position, proposals.count))
        return proposals
    }

    static let addedSentence = " Ran production services on Kubernetes and AWS since 2012."

    static func invented(from base: EditProposal, resume: String, reportsFlags: Bool) -> EditProposal {
        var lines = resume.components(separatedBy: "\n")
        let heading = lines.firstIndex(of: "## Summary")!
        let index = lines[(heading + 1)...].firstIndex { !$0.isEmpty }!
        let old = lines[index]
        lines[index] = old + addedSentence
        let newResume = lines.joined(separator: "\n")
        var p = base
        p.id = "invented-claim"
        p.title = "Claim cloud experience"
        p.rationale = "The job asks for Kubernetes and AWS."
        p.startLine = index + 1
        p.oldText = old
        p.newText = lines[index]
        p.newResume = newResume
        p.diff = UnifiedDiff.make(from: resume, to: newResume)
        p.truthFlags = reportsFlags ? TruthGuard.check(original: resume, proposed: newResume) : []
        return p
    }
}

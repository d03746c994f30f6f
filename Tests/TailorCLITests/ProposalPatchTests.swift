import Foundation
import ResumeMatch
import Testing
@testable import TailorCLI

/// Applying proposals made against the original to a resume that earlier changes already touched.
@Suite struct ProposalPatchTests {
    static let original = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"

    /// A proposal replacing one line of `original` (1-based), made the planner's way.
    static func proposal(line: Int, with replacement: String, base: EditProposal) -> EditProposal {
        var lines = original.components(separatedBy: "\n")
        let old = lines[line - 1]
        lines[line - 1] = replacement
        let new = lines.joined(separator: "\n")
        var p = base
        p.id = "p\(line)"
        p.startLine = line
        p.oldText = old
        p.newText = replacement
        p.newResume = new
        p.diff = UnifiedDiff.make(from: original, to: new)
        p.truthFlags = []
        return p
    }

    static func base() throws -> EditProposal {
        let resume = try Fixtures.text("resumes/alex-chen.md")
        let jd = try Fixtures.text("jds/senior-backend-platform.txt")
        let report = GapAnalyzer().analyze(resume: resume, jobDescription: jd, now: Fixtures.now)
        return try #require(RewritePlanner.propose(resume: resume, jd: jd, report: report).first)
    }

    @Test func aDiffWhoseContextAnEarlierChangeTouchedIsRebasedOnItsOwnLines() throws {
        let base = try Self.base()
        let first = Self.proposal(line: 5, with: "line five", base: base)
        let second = Self.proposal(line: 7, with: "line seven", base: base)
        let afterFirst = try UnifiedDiff.apply(first.diff, to: Self.original)
        #expect(throws: UnifiedDiffError.self) { try UnifiedDiff.apply(second.diff, to: afterFirst) }

        let patch = ProposalPatch(second, current: afterFirst)

        #expect(patch == .applies(afterFirst.replacingOccurrences(of: "line 7\n", with: "line seven\n"), rebased: true))
    }

    @Test func aDiffThatStillAppliesIsUsedAsIs() throws {
        let base = try Self.base()
        let first = Self.proposal(line: 2, with: "line two", base: base)
        let second = Self.proposal(line: 11, with: "line eleven", base: base)
        let afterFirst = try UnifiedDiff.apply(first.diff, to: Self.original)

        #expect(ProposalPatch(second, current: afterFirst) == .applies(try UnifiedDiff.apply(second.diff, to: afterFirst), rebased: false))
    }

    @Test func aChangeToALineAnEarlierChangeRewroteConflicts() throws {
        let base = try Self.base()
        let first = Self.proposal(line: 5, with: "line five", base: base)
        let second = Self.proposal(line: 5, with: "line 5, rephrased", base: base)
        let afterFirst = try UnifiedDiff.apply(first.diff, to: Self.original)

        #expect(ProposalPatch(second, current: afterFirst) == .conflict)
    }
}

import Foundation
import ResumeMatch
import Testing
@testable import TailorCLI

/// Auto-approve applies only proposals without truthfulness flags, and the flow flags unsupported
/// claims itself even when the proposal source says there are none.
@Suite struct TailorFlowTruthfulnessTests {
    @Test(arguments: [true, false])
    func autoApproveSkipsAProposalWithUnsupportedClaims(sourceReportsFlags: Bool) async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(
            resume: "alex-chen.md", jd: "senior-backend-platform.txt", out: out.path, autoApprove: true)
        let source = InventedClaimSource(reportsFlags: sourceReportsFlags, position: 0)
        let harness = FlowHarness(options, proposals: source)

        let result = try await harness.flow.tailor()

        let invented = try #require(result.decisions.first { $0.proposalID == "invented-claim" })
        #expect(invented.outcome == .skippedFlagged)
        #expect(invented.truthFlags.contains { $0.claim == "Kubernetes" })
        #expect(invented.truthFlags.contains { $0.claim == "AWS" })
        #expect(invented.truthFlags.contains { $0.claim == "2012" })
        // Every other (planner) proposal was applied, in order, and nothing else.
        let planned = RewritePlanner.propose(
            resume: result.originalMarkdown, jd: try Fixtures.text("jds/senior-backend-platform.txt"), report: result.initialReport)
        var expected = result.originalMarkdown
        for proposal in planned { expected = try UnifiedDiff.apply(proposal.diff, to: expected) }
        #expect(result.finalMarkdown == expected)
        #expect(!result.finalMarkdown.contains("Kubernetes"))
        #expect(result.decisions.filter { $0.outcome == .applied }.count == planned.count)
        // The flags are shown loudly, with the reason for skipping, and no question is asked.
        let printed = harness.output.text
        #expect(printed.contains("TRUTHFULNESS WARNING"))
        #expect(printed.contains("skill \"Kubernetes\""))
        #expect(printed.contains("Skipped: auto-approve never applies a change with unsupported claims."))
        #expect(!printed.contains("Apply this change?"))
        #expect(harness.answers.remaining == 0)
    }

    @Test func aPersonMayAcceptAFlaggedChangeOnlyAfterSeeingTheWarning() async throws {
        let out = try TemporaryDirectory()
        let options = TailorOptions.fixture(resume: "maria-santos.md", jd: "data-scientist-ml.txt", out: out.path)
        let harness = FlowHarness(options, answers: ["y", "y", "y", "y", "y"], proposals: InventedClaimSource(position: 0))

        let result = try await harness.flow.tailor()

        #expect(result.decisions[0].outcome == .applied)
        #expect(result.finalMarkdown.contains(InventedClaimSource.addedSentence))
        let printed = harness.output.text
        let warning = try #require(printed.range(of: "TRUTHFULNESS WARNING"))
        let question = try #require(printed.range(of: "Apply this change?"))
        #expect(warning.lowerBound < question.lowerBound)
        // The planner's summary sentence was made for the original summary line, which the
        // accepted change rewrote: it no longer applies and is skipped, not forced in.
        let summary = result.decisions.first { $0.proposalID.hasPrefix("summary-") }
        if let summary { #expect(summary.outcome == .skippedConflict) }
        // Claims already accepted are not flagged again on later changes.
        for decision in result.decisions.dropFirst() where decision.outcome == .applied {
            #expect(decision.truthFlags.isEmpty)
        }
    }
}

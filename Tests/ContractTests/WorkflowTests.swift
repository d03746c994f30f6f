import Testing

@testable import Contract

@Suite("Workflow")
struct WorkflowTests {
    @Test func theJourneyMovesForwardOneStepAtATime() {
        #expect(Workflow.outcome(of: .uploadResume, from: .draft) == .moves(to: .resumeUploaded))
        #expect(Workflow.outcome(of: .provideJobDescription, from: .resumeUploaded) == .moves(to: .jdProvided))
        #expect(Workflow.outcome(of: .analyze, from: .jdProvided) == .moves(to: .gapAnalyzed))
        #expect(Workflow.outcome(of: .rewrite, from: .gapAnalyzed) == .moves(to: .rewriteApplied))
        #expect(Workflow.outcome(of: .export, from: .rewriteApplied) == .moves(to: .exported))
    }

    @Test func skippingAStepIsRefused() {
        #expect(Workflow.outcome(of: .provideJobDescription, from: .draft) == .refused)
        #expect(Workflow.outcome(of: .rewrite, from: .jdProvided) == .refused)
        #expect(Workflow.outcome(of: .export, from: .gapAnalyzed) == .refused)
    }

    @Test func redoingAnEarlierStepGoesBackOrStays() {
        #expect(Workflow.outcome(of: .uploadResume, from: .exported) == .moves(to: .resumeUploaded))
        #expect(Workflow.outcome(of: .provideJobDescription, from: .rewriteApplied) == .moves(to: .jdProvided))
        #expect(Workflow.outcome(of: .analyze, from: .rewriteApplied) == .stays)
        #expect(Workflow.outcome(of: .export, from: .exported) == .moves(to: .exported))
        #expect(Workflow.outcome(of: .rewrite, from: .rewriteApplied) == .moves(to: .rewriteApplied))
    }

    @Test(arguments: SessionState.journey)
    func anyStateCanBeCancelledOnce(state: SessionState) {
        #expect(Workflow.outcome(of: .cancel, from: state) == .moves(to: .cancelled))
    }

    @Test(arguments: WorkflowAction.allCases)
    func nothingHappensToACancelledSession(action: WorkflowAction) {
        #expect(Workflow.outcome(of: action, from: .cancelled) == .refused)
    }

    @Test func everyActionHasARuleAndEveryJourneyStateIsReachable() {
        #expect(Set(Workflow.rules.map(\.action)) == Set(WorkflowAction.allCases))
        let reachable = Set(Workflow.rules.compactMap(\.to))
        for state in SessionState.allCases where state != .draft { #expect(reachable.contains(state), "\(state)") }
    }

    @Test func terminalEventsMapToTheirRunStatus() {
        #expect(EventType.allCases.filter(\.isTerminal) == [.runInterrupted, .runCompleted, .runFailed])
        #expect(EventType.runCompleted.terminalStatus == .completed)
        #expect(EventType.runFailed.terminalStatus == .failed)
        #expect(EventType.runInterrupted.terminalStatus == .interrupted)
        #expect(EventType.allCases.filter(\.isReportedByWorker) == [.assistantDelta])
    }

    @Test func exportFormatsKnowTheirFiles() {
        for format in ExportFormat.allCases {
            #expect(ExportFormat(fileExtension: format.fileExtension) == format)
            #expect(!format.contentType.isEmpty)
        }
        #expect(ExportFormat(fileExtension: "MARKDOWN") == .md)
        #expect(ExportFormat(fileExtension: "exe") == nil)
    }
}

import IPC
import ServiceSupport
import Store
import Testing

@testable import Gateway

@Suite("Run budget and approval gate")
struct RunBudgetTests {
    static func instant(_ seconds: Int) -> AnyClock.Instant { AnyClock.Instant(offset: .seconds(seconds)) }

    @Test func stepsAndRepeatedCallsAreCounted() {
        var limits = RunLimits()
        limits.maxSteps = 4
        var budget = RunBudget(limits: limits)
        let v1 = budget.admit(tool: "read_resume", arguments: [:])
        #expect(v1 == .allowed)
        let v2 = budget.admit(tool: "read_resume", arguments: [:])
        #expect(v2 == .allowed)
        let v3 = budget.admit(tool: "read_resume", arguments: [:])
        #expect(v3 == .exceeded(.repeatedCall))
        var other = RunBudget(limits: limits)
        for index in 0..<4 {
            let verdict = other.admit(tool: "read_file", arguments: ["path": .string("f\(index)")])
            #expect(verdict == .allowed)
        }
        let v4 = other.admit(tool: "read_file", arguments: ["path": "f9"])
        #expect(v4 == .exceeded(.stepLimit))
    }

    @Test func theSameArgumentsInAnotherKeyOrderAreTheSameCall() {
        var budget = RunBudget(limits: RunLimits())
        _ = budget.admit(tool: "t", arguments: ["a": 1, "b": 2])
        _ = budget.admit(tool: "t", arguments: ["b": 2, "a": 1])
        let v5 = budget.admit(tool: "t", arguments: ["a": 1, "b": 2])
        #expect(v5 == .exceeded(.repeatedCall))
    }

    @Test func timeWaitingForAPersonDoesNotCount() {
        var limits = RunLimits()
        limits.runTimeout = .seconds(100)
        var budget = RunBudget(limits: limits)
        budget.resume(at: Self.instant(0))
        #expect(budget.deadline == Self.instant(100))
        budget.pause(at: Self.instant(30))  // a proposal waits for a person
        #expect(budget.deadline == nil)
        budget.resume(at: Self.instant(1000))  // decided much later
        #expect(budget.deadline == Self.instant(1070))
    }

    static func approval(_ id: String, toolCallId: String, status: ApprovalStatus) -> ApprovalRecord {
        ApprovalRecord(
            id: id, sessionId: "sess_1", runId: "run_1", toolCallId: toolCallId, tool: "write_file", arguments: "{}", diff: nil, truthFlags: "[]",
            status: status, createdAt: "t", decidedAt: "t", decidedBy: .user, reason: nil)
    }

    @Test func anApprovalCoversOneWriteAndAnEarlyDecisionWaitsForItsProposal() {
        var gate = ApprovalGate()
        let v6 = gate.firstUse(of: "tc_1")
        #expect(v6)
        let v7 = gate.firstUse(of: "tc_1")
        #expect(!v7)
        gate.plan("tc_1", writes: [PlannedWrite(path: "resume.md", sha256: "aa")])
        gate.awaitDecision(approvalId: "apr_1", toolCallId: "tc_1", expiresAt: Self.instant(900))
        // Decided in the instant before the proposal event went out: held back.
        let v8 = gate.accept(Self.approval("apr_1", toolCallId: "tc_1", status: .approved))
        #expect(!v8)
        #expect(!gate.isExecuting("tc_1"))
        let early = gate.proposalPublished("apr_1")
        #expect(early?.id == "apr_1")
        let v9 = gate.accept(early!)
        #expect(v9)
        #expect(gate.isExecuting("tc_1"))
        let v10 = gate.finished("tc_1")
        #expect(v10)
        let v11 = gate.finished("tc_1")
        #expect(!v11)
    }

    @Test func anApprovalCoversExactlyThePlannedWriteOnce() {
        var gate = ApprovalGate()
        _ = gate.firstUse(of: "tc_1")
        gate.plan("tc_1", writes: [PlannedWrite(path: "resume.md", sha256: "aa")])
        gate.awaitDecision(approvalId: "apr_1", toolCallId: "tc_1", expiresAt: Self.instant(900))
        _ = gate.proposalPublished("apr_1")
        let write1 = gate.consumeWrite("tc_1", path: "resume.md", sha256: "aa")
        #expect(!write1, "nothing is covered before the decision")
        _ = gate.accept(Self.approval("apr_1", toolCallId: "tc_1", status: .approved))
        let write2 = gate.consumeWrite("tc_1", path: "resume.md", sha256: "bb")
        #expect(!write2, "other bytes")
        let write3 = gate.consumeWrite("tc_1", path: "notes.md", sha256: "aa")
        #expect(!write3, "another path")
        let write4 = gate.consumeWrite("tc_2", path: "resume.md", sha256: "aa")
        #expect(!write4, "another call")
        let write5 = gate.consumeWrite("tc_1", path: "resume.md", sha256: "aa")
        #expect(write5)
        let write6 = gate.consumeWrite("tc_1", path: "resume.md", sha256: "aa")
        #expect(!write6, "once")
    }

    @Test func aRejectedCallCoversNoWrite() {
        var gate = ApprovalGate()
        _ = gate.firstUse(of: "tc_1")
        gate.plan("tc_1", writes: [PlannedWrite(path: "resume.md", sha256: "aa")])
        gate.awaitDecision(approvalId: "apr_1", toolCallId: "tc_1", expiresAt: Self.instant(900))
        _ = gate.proposalPublished("apr_1")
        _ = gate.accept(Self.approval("apr_1", toolCallId: "tc_1", status: .rejected))
        let write7 = gate.consumeWrite("tc_1", path: "resume.md", sha256: "aa")
        #expect(!write7)
    }

    @Test func expiriesAreTrackedPerPendingApproval() {
        var gate = ApprovalGate()
        gate.awaitDecision(approvalId: "apr_a", toolCallId: "tc_a", expiresAt: Self.instant(50))
        gate.awaitDecision(approvalId: "apr_b", toolCallId: "tc_b", expiresAt: Self.instant(20))
        #expect(gate.nextExpiry == Self.instant(20))
        #expect(!gate.hasExpired(at: Self.instant(19)))
        #expect(gate.hasExpired(at: Self.instant(20)))
        _ = gate.proposalPublished("apr_b")
        _ = gate.accept(Self.approval("apr_b", toolCallId: "tc_b", status: .rejected))
        #expect(gate.nextExpiry == Self.instant(50))
        #expect(!gate.isExecuting("tc_b"), "a rejected call never executes")
    }
}

import Contract
import Foundation
import GRDB
import Testing
import TestScratch

@testable import Store

/// The store on a real SQLite file in a temporary directory.
@Suite("Store")
struct StoreTests {
    let store: Store
    let directory: String

    init() throws {
        directory = Scratch.directory("store")
        store = try Store(dataDirectory: directory)
    }

    func session() async throws -> SessionRecord {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: ServiceSupportHash.hex(token)))
        return try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 0.5)
    }

    @Test func aTransitionIsStoredWithItsHistoryRowAndRun() async throws {
        let created = try await session()
        let applied = try await store.apply(sessionId: created.id, runId: "run_x", cause: "resume_uploaded",
                                            outcome: { Workflow.outcome(of: .uploadResume, from: $0) })
        #expect(applied.session.state == .resumeUploaded)
        #expect(applied.moved?.from == .draft)
        let history = try await store.history(sessionId: created.id)
        #expect(history.map(\.toState) == [.draft, .resumeUploaded])
        #expect(history.last?.runId == "run_x")
    }

    @Test func aRefusedTransitionWritesNothing() async throws {
        let created = try await session()
        await #expect(throws: StoreError.invalidTransition(from: .draft, to: nil)) {
            try await store.apply(sessionId: created.id, runId: nil, cause: "export", outcome: { Workflow.outcome(of: .export, from: $0) },
                                  update: { $0.jdJson = "{}" })
        }
        let after = try #require(try await store.session(id: created.id))
        #expect(after.state == .draft)
        #expect(after.jdJson == nil)
        #expect(try await store.history(sessionId: created.id).count == 1)
    }

    @Test func aStayingActionWritesNoHistory() async throws {
        let created = try await session()
        for action in [WorkflowAction.uploadResume, .provideJobDescription, .analyze] {
            _ = try await store.apply(sessionId: created.id, runId: nil, cause: action.rawValue, outcome: { Workflow.outcome(of: action, from: $0) })
        }
        let analysed = try await store.apply(sessionId: created.id, runId: nil, cause: "analysis", outcome: { Workflow.outcome(of: .analyze, from: $0) })
        #expect(analysed.moved == nil)
        #expect(try await store.history(sessionId: created.id).count == 4)
    }

    @Test func oneActiveRunPerSessionAndTheCostCapHolds() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "go")
        #expect(run.status == .queued)
        await #expect(throws: StoreError.runInProgress(runId: run.id)) { try await store.createRun(sessionId: created.id, content: "again") }
        try await endRun(run, type: .runCompleted)
        _ = try await store.addUsage(runId: run.id, sessionId: created.id, inputTokens: 10, outputTokens: 10, costUsd: 0.5)
        await #expect(throws: StoreError.costCapReached(costUsd: 0.5, capUsd: 0.5)) { try await store.createRun(sessionId: created.id, content: "more") }
    }

    @Test func aBatchOfSeveralRunsCommitsTogetherAndATerminalEventEndsItsRun() async throws {
        let first = try await session(), second = try await session()
        let a = try await store.createRun(sessionId: first.id, content: "a")
        let b = try await store.createRun(sessionId: second.id, content: "b")
        try await store.insert(ApprovalRecord(
            id: "apr_1", sessionId: first.id, runId: a.id, toolCallId: "tc_1", tool: "write_file", arguments: "{}", diff: nil,
            truthFlags: "[]", status: .pending, createdAt: "t", decidedAt: nil, decidedBy: nil, reason: nil))
        try await store.append([
            event(a, 1, .runStarted), event(b, 1, .runStarted), event(a, 2, .assistantDelta), event(a, 3, .runInterrupted),
            event(b, 2, .assistantDelta),
        ], terminalReasons: [a.id: "user"])
        let endedA = try #require(try await store.run(id: a.id, sessionId: first.id))
        #expect(endedA.status == .interrupted)
        #expect(endedA.terminalReason == "user")
        #expect(endedA.lastSeq == 3)
        #expect(try await store.session(id: first.id)?.activeRunId == nil)
        #expect(try await store.approvals(sessionId: first.id, pendingOnly: false).first?.status == .expired)
        let stillB = try #require(try await store.run(id: b.id, sessionId: second.id))
        #expect(stillB.status == .queued)
        #expect(stillB.lastSeq == 2)
        #expect(try await store.session(id: second.id)?.activeRunId == b.id)
        #expect(try await store.events(runId: a.id, after: 1).map(\.seq) == [2, 3])
    }

    @Test func eventsReadBackFieldForFieldWhicheverWayTheyAreFetched() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "a")
        let written = [
            EventRecord(id: "evt_1", runId: run.id, sessionId: created.id, seq: 1, type: .runStarted, ts: "2026-01-02T03:04:05.678Z",
                        payload: #"{"model":"m","provider":"p"}"#),
            EventRecord(id: "evt_2", runId: run.id, sessionId: created.id, seq: 2, type: .assistantDelta, ts: "2026-01-02T03:04:05.679Z",
                        payload: #"{"text":"h\u00e9 \"q\" ünï"}"#),
            EventRecord(id: "evt_3", runId: run.id, sessionId: created.id, seq: 3, type: .runCompleted, ts: "2026-01-02T03:04:05.680Z",
                        payload: "{}"),
        ]
        try await store.append(written)
        #expect(try await store.events(runId: run.id) == written)
        #expect(try await store.events(runId: run.id, after: 2) == [written[2]])
        #expect(try await store.events(runId: run.id, after: 3).isEmpty)
        #expect(try await store.event(id: "evt_2") == written[1])
        #expect(try await store.assistantText(runId: run.id) == "h\u{e9} \"q\" ünï")
        // The generic record paths agree with the hand-written ones.
        #expect(try await store.pool.read { db in try EventRecord.order(Column("seq")).fetchAll(db) } == written)
        let second = try await store.createRun(sessionId: created.id, content: "b")
        try await store.append([3, 1, 2].map { seq in
            EventRecord(id: "evt_b\(seq)", runId: second.id, sessionId: created.id, seq: seq, type: .assistantDelta, ts: "t",
                        payload: #"{"text":"\#(seq)-"}"#)
        })
        #expect(try await store.assistantText(runId: second.id) == "1-2-3-", "joined in seq order, whatever the insert order")
    }

    @Test func aDuplicateSequenceNumberRollsBackTheWholeBatch() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "a")
        try await store.append([event(run, 1, .runStarted)])
        await #expect(throws: (any Error).self) {
            try await store.append([event(run, 2, .assistantDelta), event(run, 1, .assistantDelta)])
        }
        #expect(try await store.events(runId: run.id).map(\.seq) == [1])
    }

    @Test func theWorkerMarkCommitsWithItsEvents() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "a")
        #expect(try await store.workerSeq(runId: run.id) == 0)
        try await store.append([event(run, 1, .runStarted), event(run, 2, .assistantDelta)], workerSeqs: [run.id: 1])
        #expect(try await store.workerSeq(runId: run.id) == 1)
        // A batch of marks only (frames that made no event) is still written.
        try await store.append([], workerSeqs: [run.id: 3])
        #expect(try await store.workerSeq(runId: run.id) == 3)
        // A run resumed on a fresh worker starts its numbering again.
        try await store.append([], workerSeqs: [run.id: 0])
        #expect(try await store.workerSeq(runId: run.id) == 0)
        try await store.append([], workerSeqs: [run.id: 3])
        // A refused batch takes its mark with it: the mark never claims events that are not there.
        await #expect(throws: (any Error).self) {
            try await store.append([event(run, 2, .assistantDelta)], workerSeqs: [run.id: 9])
        }
        #expect(try await store.workerSeq(runId: run.id) == 3)
    }

    @Test func anApprovalIsDecidedExactlyOnceWithItsAuditRow() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "a")
        try await store.insert(ApprovalRecord(
            id: "apr_2", sessionId: created.id, runId: run.id, toolCallId: "tc_2", tool: "propose_resume_edit", arguments: "{}", diff: "d",
            truthFlags: "[]", status: .pending, createdAt: "t", decidedAt: nil, decidedBy: nil, reason: nil))
        let decided = try await store.decide(approvalId: "apr_2", sessionId: created.id, status: .rejected, by: .user, reason: "not true")
        #expect(decided.status == .rejected)
        await #expect(throws: StoreError.alreadyDecided(status: .rejected)) {
            try await store.decide(approvalId: "apr_2", sessionId: created.id, status: .approved, by: .user, reason: nil)
        }
        let audit = try await store.audit(sessionId: created.id)
        #expect(audit.map(\.action) == ["approval_rejected"])
        #expect(audit.first?.actor == "user")
    }

    @Test func anotherTenantDoesNotSeeTheSession() async throws {
        let created = try await session()
        #expect(try await store.session(id: created.id, tenantId: "ten_other") == nil)
        #expect(try await store.session(id: created.id, tenantId: created.tenantId)?.id == created.id)
    }

    @Test func aWriteKeepsThePreviousVersionAndAuditsBothHashes() async throws {
        let created = try await session()
        let first = FileRecord(sessionId: created.id, path: "resume.md", size: 1, contentType: "text/markdown", sha256: "aa", version: 1, updatedAt: "t1")
        try await store.recordWrite(file: first, previous: nil, runId: nil, actor: "user", action: "resume_imported")
        let second = FileRecord(sessionId: created.id, path: "resume.md", size: 2, contentType: "text/markdown", sha256: "bb", version: 2, updatedAt: "t2")
        try await store.recordWrite(file: second, previous: first, runId: "run_1", actor: "agent", action: "file_written")
        #expect(try await store.file(sessionId: created.id, path: "resume.md")?.version == 2)
        #expect(try await store.versions(sessionId: created.id, path: "resume.md").map(\.sha256) == ["aa"])
        let audit = try await store.audit(sessionId: created.id).last
        #expect(audit?.beforeSha256 == "aa")
        #expect(audit?.afterSha256 == "bb")
    }

    @Test func theDatabaseStaysIntact() throws {
        #expect(try store.integrityCheck() == "ok")
    }

    // MARK: Helpers

    private func event(_ run: RunRecord, _ seq: Int, _ type: EventType) -> EventRecord {
        EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: run.sessionId, seq: seq, type: type, ts: Timestamp.now(), payload: "{}")
    }

    private func endRun(_ run: RunRecord, type: EventType) async throws {
        try await store.append([event(run, 1, type)], terminalReasons: [:])
    }

    @Test func aSuspensionIsKeptWhileItsRunGoesOnAndDroppedOnceItEnds() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "go")
        let record = SuspendedRunRecord(
            runId: run.id, sessionId: created.id, toolCallId: "tc_1", approvalId: "apr_1", job: #"{"kind":"agent"}"#,
            checkpoint: #""state""#, writes: "[]", createdAt: Timestamp.now())
        try await store.saveSuspension(record)
        #expect(try await store.suspendedRuns() == [record])
        #expect(try await store.rowCounts(sessionId: created.id)["suspended_runs"] == 1)
        // The run ends (its terminal event): the saved state goes with it.
        try await store.append([EventRecord(
            id: "evt_1", runId: run.id, sessionId: created.id, seq: 1, type: .runInterrupted, ts: Timestamp.now(), payload: "{}")],
            terminalReasons: [run.id: "user"])
        #expect(try await store.suspendedRuns().isEmpty)
        #expect(try await store.rowCounts(sessionId: created.id)["suspended_runs"] == 0)
    }

    @Test func deletingASessionRemovesItsSuspendedRuns() async throws {
        let created = try await session()
        let run = try await store.createRun(sessionId: created.id, content: "go")
        try await store.saveSuspension(SuspendedRunRecord(
            runId: run.id, sessionId: created.id, toolCallId: "tc_1", approvalId: "apr_1", job: "{}", checkpoint: "{}", writes: "[]",
            createdAt: Timestamp.now()))
        try await store.deleteSession(id: created.id)
        #expect(try await store.rowCounts(sessionId: created.id).values.allSatisfy { $0 == 0 })
    }

    @Test func timestampsReadBackToTheSecondsTheyWereMadeFrom() {
        #expect(Timestamp.epochSeconds(of: Timestamp.format(seconds: 1_795_000_000, milliseconds: 250)) == 1_795_000_000.25)
        #expect(Timestamp.epochSeconds(of: "yesterday") == nil)
    }
}

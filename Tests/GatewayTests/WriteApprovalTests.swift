import Foundation
import IPC
import Logging
import ServiceSupport
import Store
import Testing
import TestScratch

@testable import Gateway

/// The gateway holds the authority over writes: an approval covers exactly the path and bytes
/// the person saw, once, whatever a worker tries. A scripted worker (frames fed to the run's
/// controller) proposes a write, suspends for the decision, and the worker that resumes the run
/// then tries other bytes, another path, the approved write, and the approved write again.
@Suite("Write approvals")
struct WriteApprovalTests {
    let store: Store
    let directory: String
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        directory = Scratch.directory("writes")
        store = try Store(dataDirectory: directory)
    }

    static func write(_ runId: String, _ request: Int, call: String, path: String, content: String) -> WorkerRunMessage {
        .request(.workspaceRequest(WorkspaceRequest(
            runId: runId, requestId: request, toolCallId: call, operation: .write, path: path, content: content)))
    }

    @Test func onlyTheApprovedWriteIsAcceptedOnceAndRefusalsAreAudited() async throws {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1)
        let run = try await store.createRun(sessionId: session.id, content: "go")
        let clock = ManualClock()
        let log = EventLog(store: store, clock: clock.clock, logger: logger)
        let controller = RunController(
            runId: run.id, sessionId: session.id, store: store, log: log, pool: WorkerPool(logger: logger),
            workspace: Workspace(dataDirectory: directory, store: store, maxFileBytes: 1 << 20), limits: RunLimits(),
            pricing: ProviderPricing(environment: [:]), tenants: TenantGuard(store: store, defaults: TenantLimits()), clock: clock.clock,
            logger: logger)
        let approved = "Dear hiring manager,\n"
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await log.run() }
            await controller.start(provider: "local", model: "local")

            // The first worker proposes the write, is told to suspend, and saves the run.
            let (first, firstSink) = AsyncStream<WorkerRunMessage>.makeStream()
            group.addTask { await controller.pump(first) }
            firstSink.yield(.request(.toolCall(ToolCall(
                runId: run.id, toolCallId: "tc_1", tool: "write_file", arguments: ["path": "notes/letter.md"], requiresApproval: true,
                diff: "+Dear hiring manager,", writes: [PlannedWrite(path: "notes/letter.md", sha256: SHA256.hex(Array(approved.utf8)))]))))
            let approval = try await Self.eventually { try await store.approvals(sessionId: session.id, pendingOnly: true).first }
            firstSink.yield(.end(RunEnd(runId: run.id, outcome: .suspended, checkpoint: .string("saved"))))
            firstSink.finish()
            try await Self.eventually { await controller.isSuspended ? true : nil }

            let decided = try await store.decide(approvalId: approval.id, sessionId: session.id, status: .approved, by: .user, reason: nil)
            await controller.approvalDecided(decided)
            let resume = try #require(await controller.resumption())
            #expect(resume.checkpoint == .string("saved"))
            #expect(resume.decision.approved && resume.decision.toolCallId == "tc_1")

            // The worker that continues the run tries its luck.
            let (second, secondSink) = AsyncStream<WorkerRunMessage>.makeStream()
            group.addTask { await controller.pump(second) }
            secondSink.yield(Self.write(run.id, 1, call: "tc_1", path: "notes/letter.md", content: "Something else\n"))
            secondSink.yield(Self.write(run.id, 2, call: "tc_1", path: "notes/other.md", content: approved))
            secondSink.yield(Self.write(run.id, 3, call: "tc_1", path: "notes/letter.md", content: approved))
            secondSink.yield(Self.write(run.id, 4, call: "tc_1", path: "notes/letter.md", content: approved))
            secondSink.yield(Self.write(run.id, 5, call: "tc_1", path: "resume.original.md", content: approved))
            try await Self.eventually {
                let audit = try await store.audit(sessionId: session.id)
                return audit.filter { $0.action == "write_refused" }.count == 4 ? audit : nil
            }
            secondSink.yield(.end(RunEnd(runId: run.id, outcome: .completed)))
            secondSink.finish()
            await controller.waitUntilFinished()
            group.cancelAll()
        }
        let audit = try await store.audit(sessionId: session.id)
        let refused = audit.filter { $0.action == "write_refused" }
        #expect(refused.map(\.path) == ["notes/letter.md", "notes/other.md", "notes/letter.md", "resume.original.md"])
        #expect(refused.prefix(3).allSatisfy { $0.details?.contains("approval_mismatch") == true })
        #expect(refused.last?.details?.contains("managed_path") == true)
        #expect(refused.first?.afterSha256 == SHA256.hex(Array("Something else\n".utf8)))
        let file = try #require(try await store.file(sessionId: session.id, path: "notes/letter.md"))
        #expect(file.version == 1, "written once")
        #expect(file.sha256 == SHA256.hex(Array(approved.utf8)))
        #expect(try await store.file(sessionId: session.id, path: "notes/other.md") == nil)
        #expect(try await store.events(runId: run.id).last?.type == .runCompleted)
    }

    /// Polls (real time, bounded) until `probe` returns a value.
    static func eventually<T>(_ probe: () async throws -> T?) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            await Task.yield()
        }
        throw CancellationError()
    }
}

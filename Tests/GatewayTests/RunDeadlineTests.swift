import Foundation
import IPC
import Logging
import ServiceSupport
import Store
import Testing
import TestScratch

@testable import Gateway

/// A run's timers on a clock the test moves: no test waits for real time to pass.
@Suite("Run deadlines")
struct RunDeadlineTests {
    let store: Store
    let directory: String
    let clock = ManualClock()
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        directory = Scratch.directory("deadlines")
        store = try Store(dataDirectory: directory)
    }

    /// A controller for a fresh run, its log running, its deadlines served; `body` drives it.
    func withRun(limits: RunLimits, _ body: @Sendable (RunController, RunRecord) async throws -> Void) async throws {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1)
        let run = try await store.createRun(sessionId: session.id, content: "go")
        let log = EventLog(store: store, clock: clock.clock, logger: logger)
        let controller = RunController(
            runId: run.id, sessionId: session.id, store: store, log: log, pool: WorkerPool(logger: logger),
            workspace: Workspace(dataDirectory: directory, store: store, maxFileBytes: 1 << 20), limits: limits,
            pricing: ProviderPricing(environment: [:]), tenants: TenantGuard(store: store, defaults: TenantLimits()), clock: clock.clock, logger: logger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await log.run() }
            group.addTask { await controller.runDeadlines() }
            await controller.start(provider: "local", model: "local")
            try await body(controller, run)
            await controller.close()
            group.cancelAll()
        }
    }

    /// Waits (polling with a deadline, in real time) until `count` timers sleep on the clock.
    func armed(_ count: Int = 1) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while clock.sleeperCount < count {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            await Task.yield()
        }
    }

    func terminal(_ run: RunRecord) async throws -> (type: EventType, payload: String)? {
        try await store.events(runId: run.id).last.map { ($0.type, $0.payload) }
    }

    @Test func theHardTimeoutEndsTheRunWhenItsActiveTimeIsUp() async throws {
        var limits = RunLimits()
        limits.runTimeout = .seconds(120)
        try await withRun(limits: limits) { controller, run in
            try await armed()
            clock.advance(by: .seconds(119))
            #expect(await !controller.hasEnded)
            clock.advance(by: .seconds(1))
            await controller.waitUntilFinished()
            let last = try await terminal(run)
            #expect(last?.type == .runInterrupted)
            #expect(last?.payload.contains("\"timeout\"") == true)
        }
    }

    @Test func anInterruptEndsTheRunOnceWithItsReason() async throws {
        try await withRun(limits: RunLimits()) { controller, run in
            await controller.interrupt(.user)
            await controller.interrupt(.timeout)
            await controller.waitUntilFinished()
            let events = try await store.events(runId: run.id)
            #expect(events.map(\.type) == [.runStarted, .runInterrupted])
            #expect(events.last?.payload.contains("\"user\"") == true)
            #expect(try await store.run(id: run.id, sessionId: run.sessionId)?.terminalReason == "user")
        }
    }
}

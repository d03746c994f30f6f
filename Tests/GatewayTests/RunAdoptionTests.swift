#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging
import ServiceLifecycle
import ServiceSupport
import Store
import Testing
import TestScratch

@testable import Gateway

/// A restarted gateway taking over runs its predecessor left running (issue 13), through the
/// real pieces: store, event log, pool, run manager and the worker socket, with the test
/// playing the re-connecting worker frame by frame.
@Suite("Run adoption")
struct RunAdoptionTests {
    let store: Store
    let directory: String
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        directory = Scratch.directory("adoption")
        store = try Store(dataDirectory: directory)
    }

    /// A run the previous gateway left running: `run_started`, one delta from worker frame 1,
    /// everything persisted with the mark at 1.
    func orphan() async throws -> RunRecord {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1)
        let run = try await store.createRun(sessionId: session.id, content: "go")
        try await store.markRunning(runId: run.id, provider: "local", model: "local")
        try await store.append([
            event(run, 1, .runStarted(provider: "local", model: "local")), event(run, 2, .assistantDelta(text: "a")),
        ], workerSeqs: [run.id: 1])
        return try #require(try await RunManager.recoverForAdoption(store: store, logger: logger).first { $0.id == run.id })
    }

    func event(_ run: RunRecord, _ seq: Int, _ payload: EventPayload) -> EventRecord {
        var encoder = RunEventEncoder(runId: run.id, sessionId: run.sessionId)
        return encoder.record(seq: seq, payload)
    }

    /// The gateway's run side with `orphans`, its worker socket up; `body` plays the worker.
    func withGateway(
        orphans: [RunRecord], clock: AnyClock = .continuous(), _ body: @Sendable (_ socketPath: String, _ runs: RunManager) async throws -> Void
    ) async throws {
        let socketPath = directory + "/w.sock"
        let log = EventLog(store: store, logger: logger)
        let pool = WorkerPool(logger: logger)
        let runs = RunManager(
            store: store, log: log, pool: pool, workspace: Workspace(dataDirectory: directory, store: store, maxFileBytes: 1 << 20),
            limits: RunLimits(), pricing: ProviderPricing(environment: [:]), tenants: TenantGuard(store: store, defaults: TenantLimits()),
            drainDeadline: .seconds(1), clock: clock, logger: logger, orphans: orphans)
        let bound = AsyncSignal()
        let listener = WorkerListener(socketPath: socketPath, pool: pool, runs: runs, logger: logger) { bound.raise() }
        let group = ServiceGroup(configuration: .init(services: [.init(service: log), .init(service: listener), .init(service: runs)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await bound.wait()
            do {
                try await body(socketPath, runs)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Connects as a re-attaching worker holding `held`; `body` gets the ack and the connection.
    func reattach(
        _ socketPath: String, _ held: HeldRun, _ body: (HelloAck, IPCConnection, inout IPCMessageStream.AsyncIterator) async throws -> Void
    ) async throws {
        let socket = try IPCSocket.connect(unixPath: socketPath)
        try await IPCChannel.run(socket: socket) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            let ack = try await connection.workerHandshake(pid: getpid(), maxRuns: 0, kind: .agent, sandbox: .none, heldRun: held, iterator: &iterator)
            try await body(ack, connection, &iterator)
        }
    }

    func delta(_ run: RunRecord, _ text: String, wseq: Int) -> IPCMessage {
        .runEvent(RunEvent(runId: run.id, kind: .assistantDelta, payload: ["text": .string(text)], wseq: wseq))
    }

    /// Polls the store (with a deadline) until the run has its terminal event.
    func ended(_ run: RunRecord) async throws -> [EventRecord] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let events = try await store.events(runId: run.id)
            if events.contains(where: \.isTerminal) { return events }
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func texts(_ events: [EventRecord]) -> [String] {
        events.filter { $0.type == .assistantDelta }.compactMap { try? JSONValue.parse(bytes: Array($0.payload.utf8))["text"]?.stringValue }
    }

    @Test func anAdoptedRunContinuesItsNumberingAndAppliesAReplayedFrameOnce() async throws {
        let run = try await orphan()
        try await withGateway(orphans: [run]) { socketPath, _ in
            let held = HeldRun(runId: run.id, sessionId: run.sessionId, nextWseq: 4, job: .echo(EchoRequest(message: "x")))
            try await reattach(socketPath, held) { ack, connection, received in
                #expect(ack.adoption == RunAdoption(runId: run.id, persistedWseq: 1))
                // What the worker could not know was persisted comes again: frame 1 is a duplicate.
                try await connection.send(contentsOf: [delta(run, "a", wseq: 1), delta(run, "b", wseq: 2), delta(run, "c", wseq: 3)])
                try await connection.send(.runEnd(RunEnd(runId: run.id, outcome: .completed)))
                let events = try await ended(run)
                #expect(events.map(\.seq) == Array(1...events.count))
                #expect(events.map(\.type) == [.runStarted, .assistantDelta, .assistantDelta, .assistantDelta, .runCompleted])
                #expect(texts(events) == ["a", "b", "c"])
                #expect(try await store.workerSeq(runId: run.id) == 3)
                // The worker keeps its finished run until told the end is durable.
                var confirmed = false
                while !confirmed, let message = try await received.next() {
                    if case .runEventAck(let ack) = message, ack.ended == true { confirmed = ack.runId == run.id }
                }
                #expect(confirmed)
            }
        }
    }

    @Test func aGapInTheWorkersFramesFailsTheRunOnce() async throws {
        let run = try await orphan()
        try await withGateway(orphans: [run]) { socketPath, _ in
            let held = HeldRun(runId: run.id, sessionId: run.sessionId, nextWseq: 4, job: .echo(EchoRequest(message: "x")))
            try await reattach(socketPath, held) { ack, connection, _ in
                #expect(ack.adoption != nil)
                try await connection.send(contentsOf: [delta(run, "b", wseq: 2), delta(run, "lost one before me", wseq: 4)])
                let events = try await ended(run)
                #expect(events.filter(\.isTerminal).count == 1)
                #expect(events.last?.type == .runFailed)
                #expect(events.last?.payload.contains("worker_crashed") == true)
            }
        }
    }

    @Test func aRunWaitingForAnAnswerTheOldGatewayAlreadyGaveIsNotAdoptedAndFailsOnce() async throws {
        let run = try await orphan()
        try await withGateway(orphans: [run]) { socketPath, _ in
            // Frame 1 (persisted) was a request whose answer died with the old gateway.
            let held = HeldRun(runId: run.id, sessionId: run.sessionId, nextWseq: 2, awaiting: [1], job: .echo(EchoRequest(message: "x")))
            try await reattach(socketPath, held) { ack, _, _ in
                #expect(ack.adoption == nil)
            }
            let events = try await ended(run)
            #expect(events.filter(\.isTerminal).count == 1)
            #expect(events.last?.payload.contains("gateway_restarted") == true)
        }
    }

    @Test func aRunNobodyClaimsWithinTheGraceFailsOnceAndALateClaimIsRefused() async throws {
        let run = try await orphan()
        let manual = ManualClock()
        try await withGateway(orphans: [run], clock: manual.clock) { socketPath, _ in
            let deadline = ContinuousClock.now + .seconds(5)
            while manual.sleeperCount < 1 {
                guard ContinuousClock.now < deadline else { throw CancellationError() }
                await Task.yield()
            }
            manual.advance(by: ReattachPolicy.grace)
            let events = try await ended(run)
            #expect(events.map(\.seq) == [1, 2, 3])
            #expect(events.last?.type == .runFailed)
            #expect(events.last?.payload.contains("gateway_restarted") == true)
            let held = HeldRun(runId: run.id, sessionId: run.sessionId, nextWseq: 4, job: .echo(EchoRequest(message: "x")))
            try await reattach(socketPath, held) { ack, _, _ in
                #expect(ack.adoption == nil)
            }
            #expect(try await store.events(runId: run.id).filter(\.isTerminal).count == 1)
        }
    }

    @Test func anotherSessionCannotClaimTheRun() async throws {
        let run = try await orphan()
        try await withGateway(orphans: [run]) { socketPath, _ in
            let held = HeldRun(runId: run.id, sessionId: "sess_someone_else", nextWseq: 4, job: .echo(EchoRequest(message: "x")))
            try await reattach(socketPath, held) { ack, _, _ in
                #expect(ack.adoption == nil)
            }
            #expect(try await store.events(runId: run.id).count == 2, "still waiting for its own worker")
        }
    }
}

import Foundation
import IPC
import Logging
import NIOCore
import ServiceSupport
import Store
import Synchronization
import Testing
import TestScratch

@testable import Gateway

@Suite("Event log")
struct EventLogTests {
    let store: Store
    let log: EventLog

    init() throws {
        store = try Store(dataDirectory: Scratch.directory("eventlog"))
        log = EventLog(store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func run() async throws -> RunRecord {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1)
        return try await store.createRun(sessionId: session.id, content: "go")
    }

    func event(_ run: RunRecord, _ seq: Int, _ type: EventType) -> EventRecord {
        EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: run.sessionId, seq: seq, type: type, ts: Timestamp.now(), payload: "{}")
    }

    @Test func subscribersGetOnlyPersistedEventsInOrderAndTheStreamEndsAfterTheTerminalOne() async throws {
        let a = try await run(), b = try await run()
        log.open(runId: a.id)
        log.open(runId: b.id)
        let subscription = try #require(log.subscribe(runId: a.id))
        #expect(subscription.snapshot == 0)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await log.run() }
            for seq in 1...50 { log.append(event(a, seq, .assistantDelta)) }
            log.append(event(b, 1, .runStarted))
            log.append(event(a, 51, .runCompleted), terminalReason: nil)
            var received: [Int] = []
            for await batch in subscription.batches {
                // Persisted before it is published: the store already has every event handed out.
                let stored = try await store.events(runId: a.id).map(\.seq)
                for event in batch.events { #expect(stored.contains(event.seq)) }
                received += batch.events.map(\.seq)
                // The frames are the events' SSE encoding, rendered once for every reader.
                #expect(batch.frames == SSEFrame.frames(batch.events))
            }
            #expect(received == Array(1...51))
            await log.waitUntilEnded(runId: a.id)
            #expect(try await store.run(id: a.id, sessionId: a.sessionId)?.status == .completed)
            #expect(log.subscribe(runId: a.id) == nil, "an ended run is replayed from the store only")
            group.cancelAll()
        }
    }

    @Test func waitingForTheEndOfARunIsCancellable() async throws {
        let a = try await run()
        log.open(runId: a.id)
        let waiter = Task { await log.waitUntilEnded(runId: a.id) }
        waiter.cancel()
        await waiter.value  // returns although the run never ends
    }
}

@Suite("Event subscription")
struct EventSubscriptionTests {
    func events(_ seqs: ClosedRange<Int>, terminalAt terminal: Int? = nil) -> [EventRecord] {
        seqs.map {
            EventRecord(id: "evt_\($0)", runId: "run_1", sessionId: "sess_1", seq: $0, type: $0 == terminal ? .runCompleted : .assistantDelta,
                        ts: "2026-02-14T12:00:00.000Z", payload: "{}")
        }
    }

    @Test func aReaderThatFellBehindTakesEverythingInOnePiece() async throws {
        let subscription = EventSubscription {}
        subscription.deposit(EventBatch(events: events(1...3)))
        subscription.deposit(EventBatch(events: events(4...4)))
        subscription.deposit(EventBatch(events: events(5...6, terminalAt: 6)))
        subscription.end()
        let taken = try #require(await subscription.next())
        #expect(taken.events.map(\.seq) == Array(1...6))
        #expect(taken.frames == SSEFrame.frames(events(1...6, terminalAt: 6)))
        #expect(taken.endsRun)
        #expect(await subscription.next() == nil)
    }

    @Test func aKeepAliveWakesTheReaderWithAnEmptyBatch() async throws {
        let subscription = EventSubscription {}
        subscription.keepAlive()
        let taken = try #require(await subscription.next())
        #expect(taken.events.isEmpty && taken.frames.readableBytes == 0)
        subscription.deposit(EventBatch(events: events(1...1)))
        #expect(await subscription.next()?.events.map(\.seq) == [1])
    }

    @Test func cancellingDetachesOnceAndDropsWhatComesAfter() async throws {
        let detached = Mutex(0)
        let subscription = EventSubscription { detached.withLock { $0 += 1 } }
        subscription.cancel()
        subscription.cancel()
        subscription.deposit(EventBatch(events: events(1...1)))
        #expect(await subscription.next() == nil)
        #expect(detached.withLock { $0 } == 1)
    }

    @Test func aLateReaderOfTheLogGetsTheWholeRunMergedAndTheSameFramesAsAnother() async throws {
        let store = try Store(dataDirectory: Scratch.directory("eventlog"))
        let log = EventLog(store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        let session = try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1)
        let run = try await store.createRun(sessionId: session.id, content: "go")
        log.open(runId: run.id)
        let eager = try #require(log.subscribe(runId: run.id)), late = try #require(log.subscribe(runId: run.id))
        var encoder = RunEventEncoder(runId: run.id, sessionId: session.id)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await log.run() }
            var eagerFrames = ByteBuffer()
            for seq in 1...30 {
                log.append(encoder.record(seq: seq, .assistantDelta(text: "t\(seq)")))
                // Read as it is published, so the log publishes more than one batch.
                if seq % 10 == 0, let batch = await eager.batches.next() { eagerFrames.writeImmutableBuffer(batch.frames) }
            }
            log.append(encoder.record(seq: 31, .runCompleted(usage: .init(inputTokens: 1, outputTokens: 2, costUsd: 0))))
            for await batch in eager.batches { eagerFrames.writeImmutableBuffer(batch.frames) }
            await log.waitUntilEnded(runId: run.id)
            var takes = 0
            var lateFrames = ByteBuffer()
            for await batch in late.batches {
                takes += 1
                lateFrames.writeImmutableBuffer(batch.frames)
            }
            #expect(takes == 1, "everything published while it did not read comes in one piece")
            #expect(lateFrames == eagerFrames)
            let stored = try await store.events(runId: run.id)
            #expect(lateFrames == SSEFrame.frames(stored))
            group.cancelAll()
        }
    }
}

import Foundation
import IPC
import Logging
import ServiceSupport
import Store
import Testing

@testable import Gateway

@Suite("Event log")
struct EventLogTests {
    let store: Store
    let log: EventLog

    init() throws {
        store = try Store(dataDirectory: NSTemporaryDirectory() + "eventlog-" + UUID().uuidString)
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
                for event in batch { #expect(stored.contains(event.seq)) }
                received += batch.map(\.seq)
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

import Foundation
import GRDB
import IPC
import NIOCore
import ServiceSupport
import Store
import Testing

@testable import Gateway

/// DELETE and retention remove exactly what they should: the session's files on disk and its
/// rows in every table, and nothing of any other session.
@Suite("Deletion and retention")
struct DeletionTests {
    /// A session with a file, a run, events, an approval, audit rows and a transition.
    func populated(_ harness: GatewayHarness, _ client: GatewayHarness.Client) async throws -> String {
        let session = try await client.createSession()
        let notes = UploadTests.multipart(boundary: "b", file: Data("mine".utf8), filename: "n.txt", fields: ["path": "notes/n.txt"])
        _ = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: notes, contentType: "multipart/form-data; boundary=b")
        _ = try await client.request(.post, "/api/v1/sessions/\(session)/files/upload", body: notes, contentType: "multipart/form-data; boundary=b")
        let run = try await harness.store.createRun(sessionId: session, content: "x")
        try await harness.store.insert(ApprovalRecord(
            id: Identifier.make("apr"), sessionId: session, runId: run.id, toolCallId: "tc_1", tool: "write_file", arguments: "{}",
            diff: nil, truthFlags: "[]", status: .pending, createdAt: Timestamp.now(), decidedAt: nil, decidedBy: nil, reason: nil))
        try await harness.store.append([
            EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: session, seq: 1, type: .runStarted, ts: Timestamp.now(), payload: "{}"),
            EventRecord(id: Identifier.make("evt"), runId: run.id, sessionId: session, seq: 2, type: .runCompleted, ts: Timestamp.now(), payload: "{}"),
        ])
        _ = try await client.request(.post, "/api/v1/sessions/\(session)/cancel")
        return session
    }

    func rows(_ store: Store, _ session: String) async throws -> Int {
        try await store.rowCounts(sessionId: session).values.reduce(0, +)
    }

    @Test func deleteRemovesEverythingOfTheSessionAndNothingElse() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let doomed = try await populated(harness, client)
            let kept = try await populated(harness, client)
            let keptRows = try await harness.store.rowCounts(sessionId: kept)
            #expect(try await rows(harness.store, doomed) > 8)
            let deleted = try await client.request(.delete, "/api/v1/sessions/\(doomed)")
            #expect(deleted.status == 204)
            #expect(try await rows(harness.store, doomed) == 0)
            #expect(!FileManager.default.fileExists(atPath: harness.directory + "/sessions/\(doomed)"))
            for path in ["", "/history", "/files", "/files/notes/n.txt", "/runs", "/approvals", "/audit", "/versions"] {
                #expect(try await client.request(.get, "/api/v1/sessions/\(doomed)\(path)").status == 404, "\(path)")
            }
            #expect(try await client.request(.delete, "/api/v1/sessions/\(doomed)").status == 404)
            #expect(try await harness.store.rowCounts(sessionId: kept) == keptRows)
            #expect(try await client.request(.get, "/api/v1/sessions/\(kept)/files/notes/n.txt").body == "mine")
        }
    }

    @Test func retentionRemovesIdleSessionsAndOldExportsOnly() async throws {
        let harness = try GatewayHarness()
        try await harness.test { client in
            let idle = try await populated(harness, client)
            let recent = try await populated(harness, client)
            let running = try await client.createSession()
            _ = try await harness.store.createRun(sessionId: running, content: "going")
            // Make two of them look old (the third has a run going: never removed).
            try await harness.store.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id IN (?, ?)", arguments: [idle, running])
            }
            let retention = Retention(store: harness.store, dataDirectory: harness.directory, sessionDays: 30, exportDays: 7)
            let dry = try await retention.sweep(dryRun: true)
            #expect(dry.sessionsDeleted == [idle])
            #expect(try await rows(harness.store, idle) > 0, "a dry run deletes nothing")
            let report = try await retention.sweep()
            #expect(report.sessionsDeleted == [idle])
            #expect(try await rows(harness.store, idle) == 0)
            #expect(!FileManager.default.fileExists(atPath: harness.directory + "/sessions/\(idle)"))
            #expect(try await rows(harness.store, recent) > 0)
            #expect(try await client.request(.get, "/api/v1/sessions/\(running)").status == 200)
        }
    }
}

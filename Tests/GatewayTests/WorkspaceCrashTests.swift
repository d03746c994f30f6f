import Foundation
import Logging
import ServiceSupport
import Store
import Testing
import TestScratch

@testable import Gateway

/// A write interrupted at each of its steps (the process dying there) must leave the file
/// readable as its old or its new version — matching the store's record — and every kept
/// version's bytes intact; the next write must work and keep them so.
@Suite("Workspace writes under crashes")
struct WorkspaceCrashTests {
    struct Crash: Error {}

    let directory = Scratch.directory("crash")
    let path = try! WorkspacePath("resume.md")

    func fresh(_ store: Store, crashingAfter step: Workspace.WriteStep? = nil) -> Workspace {
        Workspace(dataDirectory: directory, store: store, maxFileBytes: 1 << 20, afterStep: { reached in
            if reached == step { throw Crash() }
        })
    }

    func session(_ store: Store) async throws -> String {
        let token = try store.createToken(tenantName: "t")
        let tenant = try #require(try await store.tenant(forTokenSHA256: SHA256.hex(Array(token.utf8))))
        return try await store.createSession(tenantId: tenant, autoApprove: false, costCapUsd: 1).id
    }

    /// Every recorded version (kept and current) reads back with the digest the store holds.
    func expectIntact(_ store: Store, _ workspace: Workspace, _ session: String) async throws {
        let current = try #require(try await store.file(sessionId: session, path: path.value))
        let data = try await workspace.read(sessionId: session, path: path)
        #expect(SHA256.hex(data) == current.sha256)
        for kept in try await store.versions(sessionId: session, path: path.value) {
            let bytes = try workspace.readVersion(sessionId: session, path: path, version: kept.version)
            #expect(SHA256.hex(bytes) == kept.sha256, "version \(kept.version)")
        }
    }

    @Test(arguments: Workspace.WriteStep.allCases)
    func aCrashAtAnyStepLosesNothing(step: Workspace.WriteStep) async throws {
        let store = try Store(dataDirectory: directory)
        let id = try await session(store)
        let healthy = fresh(store)
        try await healthy.write(sessionId: id, path: path, data: Data("version one".utf8), runId: nil, actor: "user")
        try await healthy.write(sessionId: id, path: path, data: Data("version two".utf8), runId: nil, actor: "user")
        // The third write dies at `step`.
        await #expect(throws: Crash.self) {
            try await fresh(store, crashingAfter: step).write(sessionId: id, path: path, data: Data("version three".utf8), runId: nil, actor: "agent")
        }
        // After the "restart": old or new, whole, and what the record says.
        let restarted = fresh(store)
        let text = String(decoding: try await restarted.read(sessionId: id, path: path), as: UTF8.self)
        let recorded = try await store.file(sessionId: id, path: path.value)?.version
        #expect(text == (recorded == 3 ? "version three" : "version two"))
        #expect(step == .blobWritten || step == .blobSynced ? recorded == 2 : recorded == 3)
        try await expectIntact(store, restarted, id)
        // The next write takes the next number and overwrites no kept version.
        try await restarted.write(sessionId: id, path: path, data: Data("version four".utf8), runId: nil, actor: "user")
        try await expectIntact(store, restarted, id)
        #expect(String(decoding: try await restarted.read(sessionId: id, path: path), as: UTF8.self) == "version four")
        let kept = try await store.versions(sessionId: id, path: path.value).map(\.version)
        #expect(kept == (recorded == 3 ? [1, 2, 3] : [1, 2]))
        #expect(String(decoding: try restarted.readVersion(sessionId: id, path: path, version: 2), as: UTF8.self) == "version two")
    }

    @Test func theFileOnDiskFollowsTheRecord() async throws {
        let store = try Store(dataDirectory: directory)
        let id = try await session(store)
        let workspace = fresh(store)
        try await workspace.write(sessionId: id, path: path, data: Data("a".utf8), runId: nil, actor: "user")
        try await workspace.write(sessionId: id, path: path, data: Data("b".utf8), runId: nil, actor: "user")
        let onDisk = try String(contentsOfFile: workspace.directory(id) + "/resume.md", encoding: .utf8)
        #expect(onDisk == "b")
    }
}

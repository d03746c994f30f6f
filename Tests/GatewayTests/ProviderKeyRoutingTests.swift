#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging
import Testing

@testable import Gateway

/// Provider keys travel to agent runs only: a document worker never receives one, not even in
/// memory over IPC. Real socket pairs stand for the two workers; the bytes each receives are read raw.
@Suite("Provider keys over IPC")
struct ProviderKeyRoutingTests {
    static let secret = "sk-unit-never-for-a-document-worker-91c2"

    /// Everything that arrives on `fd` within a short wait for the first bytes.
    static func received(_ fd: CInt) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, bytes.isEmpty ? 5_000 : 100) > 0 {
            let got = read(fd, &buffer, buffer.count)
            guard got > 0 else { break }
            bytes += buffer[0..<got]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func keysGoWithAgentRunsAndNeverToADocumentWorker() async throws {
        let providers = ProviderSetupSource(environment: ["RESUME_AGENT_PROVIDERS": "openai"], keysFromSupervisor: true, keyWait: .seconds(5))
        providers.received(ProviderKeys(keys: ["openai": Self.secret]))
        let pool = WorkerPool(providers: providers, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var far: [WorkerKind: CInt] = [:]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (pid, kind) in [(Int32(3_000_001), WorkerKind.agent), (3_000_002, .document)] {
                var fds: [CInt] = [-1, -1]
                try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0)
                far[kind] = fds[1]
                let ours = fds[0]
                group.addTask {
                    try await IPCChannel.run(socket: IPCSocket(descriptor: ours)) { connection in
                        await pool.attach(pid: pid, connection: connection, maxRuns: 0, kind: kind)
                        try await Task.sleep(for: .seconds(3_600))  // held until the test cancels it
                    }
                }
            }
            defer { far.values.forEach { close($0) } }
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while await pool.status.idlePids.count < 2 {
                try #require(ContinuousClock.now < deadline, "workers attached")
                try await Task.sleep(for: .milliseconds(5))
            }
            _ = try await pool.dispatch(RunStart(runId: "run_doc", sessionId: "sess_x", job: .renderPreview(RenderPreviewRequest(markdown: "# A"))))
            _ = try await pool.dispatch(RunStart(runId: "run_agent", sessionId: "sess_x", job: .agent(AgentTurnRequest(message: "hi", provider: "openai"))))
            let document = Self.received(try #require(far[.document]))
            let agent = Self.received(try #require(far[.agent]))
            #expect(document.contains("run_doc"))
            #expect(!document.contains(Self.secret), "a document worker was sent a key")
            #expect(!document.contains("provider_setup"))
            #expect(agent.contains("run_agent"))
            #expect(agent.contains(Self.secret), "the agent run brings its key")
            group.cancelAll()
            for pid: Int32 in [3_000_001, 3_000_002] { await pool.detach(pid: pid) }
        }
    }
}

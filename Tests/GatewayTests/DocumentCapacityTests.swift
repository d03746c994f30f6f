#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Testing

@testable import Gateway

/// Document jobs (uploads, reading a fetched JD, exports, previews, page images) have workers
/// and a queue of their own: agent runs holding every agent worker, with more waiting behind
/// them, never delay an upload.
@Suite("Document capacity")
struct DocumentCapacityTests {
    /// Agent workers that accept runs and never end one: one end of a socket pair attached to
    /// the pool under a made-up pid, the other end held open and never read.
    static let agentPids: [Int32] = [2_000_001, 2_000_002]

    @Test func anUploadCompletesWhileAgentRunsHoldEveryAgentWorkerAndMoreWait() async throws {
        let harness = try GatewayHarness()
        let worker = ResumeReviewTests.worker()
        let pool = harness.gateway.pool
        try await harness.test(with: worker) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                var peers: [CInt] = []
                defer { peers.forEach { close($0) } }
                for pid in Self.agentPids {
                    var fds: [CInt] = [-1, -1]
                    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0)
                    peers.append(fds[1])
                    let ours = fds[0]
                    group.addTask {
                        try await IPCChannel.run(socket: IPCSocket(descriptor: ours)) { connection in
                            await pool.attach(pid: pid, connection: connection, maxRuns: 0, kind: .agent)
                            try await Task.sleep(for: .seconds(3_600))  // held until the test cancels it
                        }
                    }
                }
                try await Self.eventually { await pool.counts(of: .agent).idle == Self.agentPids.count }

                // Two runs take both agent workers; four more wait in the agent queue.
                for index in 0..<2 {
                    _ = try await pool.dispatch(RunStart(runId: "run_busy_\(index)", sessionId: "sess_x", job: .echo(EchoRequest(message: "hold"))))
                }
                for index in 0..<4 {
                    group.addTask {
                        _ = try? await pool.dispatch(RunStart(runId: "run_waiting_\(index)", sessionId: "sess_x", job: .echo(EchoRequest(message: "wait"))))
                    }
                }
                try await Self.eventually { pool.queuedRuns == 4 }
                #expect(await pool.counts(of: .agent).busy == 2)

                let session = try await client.createSession()
                try await ResumeReviewTests.upload(client, session, ResumeReviewTests.pdf, name: "cv.pdf")
                #expect(worker.jobs.contains { if case .importResume = $0.job { true } else { false } })
                #expect(pool.queuedRuns == 4, "the agent runs still wait; the upload did not")
                // The made-up workers go: their runs end (lost), so the listener can drain.
                group.cancelAll()
                for pid in Self.agentPids { await pool.detach(pid: pid) }
            }
        }
    }

    /// Polls `condition` until it holds, within a deadline.
    static func eventually(_ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

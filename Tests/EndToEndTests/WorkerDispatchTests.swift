#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import Gateway
import IPC
import Logging
import Testing

/// The gateway's pool with real `resume-agent-worker` processes: a run frame goes in, the
/// worker's frames come back; cancel and kill are enforced from outside.
@Suite("Worker dispatch", .serialized, .timeLimit(.minutes(1)))
struct WorkerDispatchTests {
    struct Harness {
        let pool: WorkerPool
        let socket: String
    }

    static func spawnWorker(socket: String, runs: Int = 1) throws -> Int32 {
        let executable = TestEnvironment.executable("resume-agent-worker")
        let arguments: [String] = [executable, "--socket", socket, "--runs", "\(runs)"]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = ra_spawn_ex(&pid, executable, argv, envp, nil, 0, -1, -1, 0)
        guard rc == 0 else { throw TimeoutError(what: "spawn worker errno \(rc)") }
        return pid
    }

    /// Runs `body` with a pool listening on a fresh socket and `workers` real workers attached.
    static func withPool(workers: Int, runs: Int = 1, _ body: @escaping @Sendable (WorkerPool, [Int32]) async throws -> Void) async throws {
        let directory = TestEnvironment.temporaryDirectory("pool")
        let socket = (directory as NSString).appendingPathComponent("w.sock")
        let pool = WorkerPool(maxQueue: 4, logger: Logger(label: "test"))
        let listener = WorkerListener(socketPath: socket, pool: pool, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            try await eventually("worker socket", timeout: .seconds(5)) { FileManager.default.fileExists(atPath: socket) }
            let pids = try (0..<workers).map { _ in try spawnWorker(socket: socket, runs: runs) }
            defer {
                for pid in pids {
                    kill(pid, SIGKILL)
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                }
            }
            try await eventually("workers attached", timeout: .seconds(5)) { await pool.status.idlePids.count == workers }
            try await body(pool, pids)
            group.cancelAll()
        }
    }

    static func collect(_ stream: AsyncStream<WorkerRunMessage>) async -> [WorkerRunMessage] {
        var messages: [WorkerRunMessage] = []
        for await message in stream { messages.append(message) }
        return messages
    }

    @Test func runFrameInEventFramesOut() async throws {
        try await Self.withPool(workers: 1) { pool, pids in
            let stream = try await pool.dispatch(RunStart(runId: "run_a", sessionId: "sess_a", job: .echo(EchoRequest(message: "tailor my resume"))))
            #expect(await pool.status.busyPids == pids)
            let messages = await Self.collect(stream)
            let kinds = messages.compactMap { message -> String? in
                switch message {
                case .event(let event): event.kind.rawValue
                case .request(let request): request.kind.rawValue
                default: nil
                }
            }
            #expect(kinds == ["assistant_delta", "assistant_delta", "assistant_delta", "usage"])
            let text = messages.compactMap { message -> String? in
                if case .event(let event) = message, event.kind == .assistantDelta { return event.payload["text"]?.stringValue }
                return nil
            }.joined()
            #expect(text == "tailor my resume")
            #expect(messages.last == .end(RunEnd(runId: "run_a", outcome: .completed)))
        }
    }

    @Test func cancelFrameStopsACooperativeRun() async throws {
        try await Self.withPool(workers: 1) { pool, _ in
            let words = Array(repeating: "word", count: 500).joined(separator: " ")
            let stream = try await pool.dispatch(RunStart(runId: "run_c", sessionId: "s", job: .echo(EchoRequest(message: words, delayMs: 5))))
            var iterator = stream.makeAsyncIterator()
            _ = await iterator.next()  // the first delta: it is running
            await pool.cancel(runId: "run_c", reason: "user")
            var last: WorkerRunMessage?
            while let message = await iterator.next() { last = message }
            #expect(last == .end(RunEnd(runId: "run_c", outcome: .cancelled)))
        }
    }

    @Test func killEndsAStuckRunWithWorkerLost() async throws {
        try await Self.withPool(workers: 1) { pool, pids in
            let stream = try await pool.dispatch(RunStart(runId: "run_k", sessionId: "s", job: .echo(EchoRequest(message: "x", ignoreCancel: true))))
            var iterator = stream.makeAsyncIterator()
            _ = await iterator.next()
            await pool.cancel(runId: "run_k", reason: "user")  // ignored by this worker
            #expect(await pool.kill(runId: "run_k") == pids[0])
            var last: WorkerRunMessage?
            while let message = await iterator.next() { last = message }
            #expect(last == .workerLost(pid: pids[0]))
        }
    }

    @Test func runsQueueWhenNoWorkerIsIdleAndOverflowIsRefused() async throws {
        try await Self.withPool(workers: 1, runs: 0) { pool, _ in
            let first = try await pool.dispatch(RunStart(runId: "run_1", sessionId: "s", job: .echo(EchoRequest(message: "x", delayMs: 200))))
            // Queue holds 4: the fifth waiting run is refused.
            let queued = (2...5).map { index in
                Task { try await pool.dispatch(RunStart(runId: "run_\(index)", sessionId: "s", job: .echo(EchoRequest(message: "y")))) }
            }
            try await eventually("four queued runs", timeout: .seconds(5)) { await pool.queuedRuns == 4 }
            await #expect(throws: WorkerPoolError.overloaded) {
                _ = try await pool.dispatch(RunStart(runId: "run_6", sessionId: "s", job: .echo(EchoRequest(message: "z"))))
            }
            _ = await Self.collect(first)
            for task in queued {
                let messages = await Self.collect(try await task.value)
                #expect(messages.last.map { if case .end = $0 { true } else { false } } == true)
            }
        }
    }
}

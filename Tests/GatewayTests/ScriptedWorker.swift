import Foundation
import IPC
import Synchronization
import Testing

@testable import Gateway

/// Stands in for a worker process in the router tests: it connects to the gateway's worker
/// socket as a worker does (hello, then a `run_end` for every `run_start`) and answers each job
/// with `answer`, at once. Every job it received is kept in order, with the bytes of the file the
/// job named (read while the job ran: the gateway removes staged copies afterwards).
///
/// It answers promptly by design: the pool SIGKILLs the peer of a job that outlives its deadline,
/// and the peer here is the test process itself.
final class ScriptedWorker: Sendable {
    struct Received: Sendable {
        let job: RunJob
        /// The bytes at the job's `path` (imports and page renders), when it named one.
        let file: Data?
    }

    private let answer: @Sendable (RunStart) -> RunEnd
    private let received = Mutex<[Received]>([])

    init(answer: @escaping @Sendable (RunStart) -> RunEnd) {
        self.answer = answer
    }

    var jobs: [Received] { received.withLock { $0 } }

    /// Connects to `socketPath` (retrying until the listener is up, within a deadline) and serves
    /// runs until the connection closes or the task is cancelled.
    func serve(socketPath: String) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        var channel: IPCChannel.Raw?
        while channel == nil {
            do {
                channel = try await IPCChannel.connect(unixPath: socketPath)
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(10))  // the listener is binding: poll with a deadline
            }
        }
        guard let channel else { return }
        try await IPCChannel.run(channel) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            _ = try await connection.handshake(role: .worker, pid: getpid(), maxRuns: 0, iterator: &iterator)
            while let message = try await iterator.next() {
                guard case .runStart(let start) = message else { continue }
                received.withLock { $0.append(Received(job: start.job, file: Self.file(of: start.job))) }
                try await connection.send(.runEnd(answer(start)))
            }
        }
    }

    private static func file(of job: RunJob) -> Data? {
        switch job {
        case .importResume(let request): FileManager.default.contents(atPath: request.path)
        case .renderPage(let request): FileManager.default.contents(atPath: request.path)
        default: nil
        }
    }
}

extension GatewayHarness {
    /// Runs `body` with the gateway's worker listener up and `worker` attached to its pool.
    func test<Value: Sendable>(with worker: ScriptedWorker, _ body: @Sendable (Client) async throws -> Value) async throws -> Value {
        let gateway = self.gateway
        let socketPath = (directory as NSString).appendingPathComponent("run/worker.sock")
        try FileManager.default.createDirectory(atPath: (socketPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gateway.workerListener.run() }
            group.addTask { try await worker.serve(socketPath: socketPath) }
            // Attached: the pool has an idle worker (polled with a deadline).
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while await gateway.pool.status.idlePids.isEmpty {
                guard ContinuousClock.now < deadline else { throw ScriptedWorkerError.neverAttached }
                try await Task.sleep(for: .milliseconds(10))
            }
            let result = try await test(body)
            group.cancelAll()
            return result
        }
    }
}

enum ScriptedWorkerError: Error { case neverAttached }

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC

/// What the sandbox costs, per worker kind: spawn→ready (posix_spawn to the hello on the
/// gateway side: start-up, rlimits, connect, confinement) and one job on the ready worker
/// (`run_start` sent → `run_end` received), with the sandbox on and with `--sandbox off` (a
/// benchmark-only switch). The agent worker's job is an echo run; the document worker's is an
/// import of the fixture PDF, passed as a descriptor as the gateway passes uploads.
enum SandboxBench {
    static func run(binDirectory: String, iterations: Int = 100) async throws -> [Row] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // resume-agent-bench
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()  // repository
            .appendingPathComponent("../shared/fixtures/resumes/alex-chen.pdf").standardizedFileURL.path
        var rows: [Row] = []
        for kind in WorkerKind.allCases {
            for sandbox in ["on", "off"] {
                let (ready, job) = try await measure(kind: kind, sandbox: sandbox, binDirectory: binDirectory, fixture: fixture, iterations: iterations)
                let label = "\(kind.rawValue) worker, sandbox \(sandbox)"
                rows.append(Row(name: "\(label): spawn→ready p50 / p95", value: "\(format(ready.percentile(50), "ms")) / \(format(ready.percentile(95), "ms"))"))
                rows.append(Row(name: "\(label): \(kind == .agent ? "echo run" : "PDF import") p50 / p95", value: "\(format(job.percentile(50), "ms")) / \(format(job.percentile(95), "ms"))"))
            }
        }
        return rows
    }

    static func measure(
        kind: WorkerKind, sandbox: String, binDirectory: String, fixture: String, iterations: Int
    ) async throws -> (ready: Samples, job: Samples) {
        let socketPath = temporarySocketPath("sandbox-\(kind.rawValue)-\(sandbox)")
        unlink(socketPath)
        let listener = try IPCSocketListener(unixPath: socketPath)
        defer { listener.close() }
        var accepted = listener.connections().makeAsyncIterator()
        let executable = "\(binDirectory)/\(kind == .agent ? "resume-agent-worker" : "resume-agent-document-worker")"
        let scratch = (socketPath as NSString).deletingLastPathComponent
        var ready = Samples(), job = Samples()
        for iteration in 0..<iterations {
            let start = ContinuousClock.now
            let pid = spawn(executable, ["--socket", socketPath, "--runs", "1", "--sandbox", sandbox, "--scratch-dir", scratch])
            guard let socket = await accepted.next() else { break }
            try await IPCChannel.run(socket: socket) { connection in
                var messages = connection.messages.makeAsyncIterator()
                _ = try await connection.acceptHandshake(expecting: [.worker], iterator: &messages)
                ready.add((ContinuousClock.now - start).microseconds / 1000)
                let runStart: RunStart
                switch kind {
                case .agent:
                    runStart = RunStart(runId: "run_\(iteration)", sessionId: "sess_bench", job: .echo(EchoRequest(message: "hello from the bench")))
                case .document:
                    guard let file = PassedFile.openForReading(fixture) else { throw BenchError.missingFixture(fixture) }
                    runStart = RunStart(
                        runId: "run_\(iteration)", sessionId: "sess_bench",
                        job: .importResume(ImportResumeRequest(filename: "alex-chen.pdf", contentType: "application/pdf")), inputs: PassedFiles([file]))
                }
                let sent = ContinuousClock.now
                try await connection.send(.runStart(runStart))
                while let message = try await messages.next() {
                    guard case .runEnd(let end) = message else { continue }
                    guard end.outcome == .completed else { throw BenchError.jobFailed(end.failure?.message ?? "\(end.outcome)") }
                    job.add((ContinuousClock.now - sent).microseconds / 1000)
                    // Say the end is durable, as the gateway does: a worker holds a finished run
                    // until then, re-connecting to hand it over when the connection drops first.
                    try await connection.send(.runEventAck(RunEventAck(runId: end.runId, wseq: 0, ended: true)))
                    break
                }
            }
            reap(pid)
        }
        return (ready, job)
    }

    enum BenchError: Error {
        case missingFixture(String)
        case jobFailed(String)
    }
}

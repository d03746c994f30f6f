#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import NIOCore

/// Time from posix_spawn of `resume-agent-worker` to its hello arriving on the gateway-side
/// socket (connected, handshaken, ready for a run).
enum SpawnBench {
    static func run(binDirectory: String, iterations: Int = 200) async throws -> [Row] {
        let socket = temporarySocketPath("spawn")
        let worker = "\(binDirectory)/resume-agent-worker"
        let listener = try await IPCListener.bind(unixPath: socket)
        var samples = Samples()
        try await listener.executeThenClose { inbound in
            var connections = inbound.makeAsyncIterator()
            for _ in 0..<iterations {
                let start = ContinuousClock.now
                let pid = spawn(worker, ["--socket", socket, "--runs", "1"])
                guard let raw = try await connections.next() else { break }
                try await IPCChannel.run(raw) { connection in
                    var iterator = connection.messages.makeAsyncIterator()
                    _ = try await connection.acceptHandshake(expecting: [.worker], iterator: &iterator)
                    samples.add((ContinuousClock.now - start).microseconds / 1000)
                }
                kill(pid, SIGKILL)
                reap(pid)
            }
        }
        return [
            Row(name: "worker spawn→ready p50", value: format(samples.percentile(50), "ms")),
            Row(name: "worker spawn→ready p95", value: format(samples.percentile(95), "ms")),
        ]
    }
}

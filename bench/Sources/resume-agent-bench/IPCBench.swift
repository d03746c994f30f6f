#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import NIOCore

/// Round trip and throughput of IPC frames between two processes over a Unix socket, through
/// the same codec and connection type the gateway and workers use.
enum IPCBench {
    static func run(binDirectory: String) async throws -> [Row] {
        let socket = temporarySocketPath("ipc")
        let server = spawn("\(binDirectory)/resume-agent-bench", ["echo-server", socket])
        defer {
            kill(server, SIGKILL)
            reap(server)
        }
        let raw = try await EchoRoundTrip.connect { try? await IPCChannel.connect(unixPath: socket) }
        return try await IPCChannel.run(raw) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            var rows: [Row] = []
            // Round trip: a small run_event out, the echo back.
            let small = IPCMessage.runEvent(RunEvent(runId: "run_bench", kind: .assistantDelta, payload: ["text": "hello"]))
            let rtt = try await EchoRoundTrip.measure(small, connection: connection, iterator: &iterator)
            rows.append(Row(name: "IPC round trip p50", value: format(rtt.percentile(50), "µs")))
            rows.append(Row(name: "IPC round trip p99", value: format(rtt.percentile(99), "µs")))
            // Throughput: stream frames one way in batches; the server acknowledges each batch.
            for size in [1024, 64 * 1024] {
                let text = String(repeating: "x", count: size - 80)
                let frame = IPCMessage.runEvent(RunEvent(runId: "run_sink", kind: .assistantDelta, payload: ["text": .string(text)]))
                let frameBytes = try MessageCodec().frame(frame).readableBytes
                let count = size == 1024 ? 200_000 : 10_000
                let batch = 100
                let start = ContinuousClock.now
                for _ in 0..<(count / batch) {
                    try await connection.send(contentsOf: Array(repeating: frame, count: batch))
                }
                try await connection.send(.ping(Ping(id: 1)))
                while let message = try await iterator.next() {
                    if case .pong = message { break }
                }
                let seconds = (ContinuousClock.now - start).microseconds / 1e6
                let label = size == 1024 ? "1 KiB" : "64 KiB"
                rows.append(Row(name: "IPC throughput \(label) frames", value: String(format: "%.0f frames/s, %.0f MB/s", Double(count) / seconds, Double(count * frameBytes) / seconds / 1e6)))
            }
            return rows
        }
    }
}

/// The other process: echoes `assistant_delta` events, swallows `sink` events, answers pings.
enum EchoServer {
    static func run(socket: String) async {
        do {
            let listener = try await IPCListener.bind(unixPath: socket)
            try await listener.executeThenClose { inbound in
                for try await raw in inbound {
                    try await IPCChannel.run(raw) { connection in
                        for try await message in connection.messages {
                            switch message {
                            case .runEvent(let event) where event.runId == "run_sink":
                                continue
                            case .ping(let ping):
                                try await connection.send(.pong(Pong(id: ping.id, healthy: true, pool: PoolStatus())))
                            default:
                                try await connection.send(message)
                            }
                        }
                    }
                    return
                }
            }
        } catch {
            FileHandle.standardError.write(Data("echo server: \(error)\n".utf8))
        }
    }
}

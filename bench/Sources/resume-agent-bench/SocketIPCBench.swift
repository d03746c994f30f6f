#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC

/// Round trip of a `run_event` over the transport the gateway and its workers really use
/// (`IPCSocket`: blocking reader and writer threads per connection, descriptor passing), next
/// to `IPCBench`'s NIO channel, which only the supervisor's control link uses.
enum SocketIPCBench {
    static func run(binDirectory: String) async throws -> [Row] {
        let path = temporarySocketPath("ipc-socket")
        let server = spawn("\(binDirectory)/resume-agent-bench", ["echo-socket-server", path])
        defer {
            kill(server, SIGKILL)
            reap(server)
        }
        let socket = try await EchoRoundTrip.connect { try? IPCSocket.connect(unixPath: path) }
        return try await IPCChannel.run(socket: socket) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            let small = IPCMessage.runEvent(RunEvent(runId: "run_bench", kind: .assistantDelta, payload: ["text": "hello"], wseq: 1))
            let rtt = try await EchoRoundTrip.measure(small, connection: connection, iterator: &iterator)
            return [
                Row(name: "IPC round trip p50 (worker socket)", value: format(rtt.percentile(50), "µs")),
                Row(name: "IPC round trip p99 (worker socket)", value: format(rtt.percentile(99), "µs")),
            ]
        }
    }
}

/// The other process: echoes every message back over a worker-style socket connection.
enum SocketEchoServer {
    static func run(path: String) async {
        do {
            let listener = try IPCSocketListener(unixPath: path)
            for await socket in listener.connections() {
                try await IPCChannel.run(socket: socket) { connection in
                    for try await message in connection.messages { try await connection.send(message) }
                }
                break
            }
            listener.close()
        } catch {
            FileHandle.standardError.write(Data("socket echo server: \(error)\n".utf8))
        }
    }
}

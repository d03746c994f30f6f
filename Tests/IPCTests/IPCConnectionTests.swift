import Foundation
import NIOCore
import NIOPosix
import Testing
import TestScratch

@testable import IPC

/// Real Unix sockets in a temp directory: the listener side and the connecting side.
@Suite("IPCConnection")
struct IPCConnectionTests {
    static func socketPath() -> String {
        Scratch.file("ipc", named: "s.sock")
    }

    /// Runs a listener that handles exactly one connection with `server`, and connects a
    /// client that runs `client`.
    static func withPair<T: Sendable>(
        server: @escaping @Sendable (IPCConnection) async throws -> Void,
        client: @escaping @Sendable (IPCConnection) async throws -> T
    ) async throws -> T {
        let path = socketPath()
        let listener = try await IPCListener.bind(unixPath: path)
        return try await listener.executeThenClose { inbound in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    for try await raw in inbound {
                        try? await IPCChannel.run(raw) { try await server($0) }
                        break
                    }
                    return nil
                }
                group.addTask {
                    let raw = try await IPCChannel.connect(unixPath: path)
                    return try await IPCChannel.run(raw) { try await client($0) }
                }
                // The client's answer ends the test; the server side is cancelled.
                for try await value in group {
                    if let value {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
            }
        }
    }

    @Test func handshakeThenEcho() async throws {
        let reply = try await Self.withPair(server: { connection in
            var iterator = connection.messages.makeAsyncIterator()
            _ = try await connection.acceptHandshake(expecting: [.worker], iterator: &iterator)
            while let message = try await iterator.next() {
                if case .runStart(let start) = message {
                    guard case .echo(let echo) = start.job else { continue }
                    try await connection.send(.runEvent(RunEvent(runId: start.runId, kind: .assistantDelta, payload: ["text": .string(echo.message)])))
                }
            }
        }, client: { connection in
            var iterator = connection.messages.makeAsyncIterator()
            _ = try await connection.handshake(role: .worker, pid: 1, iterator: &iterator)
            try await connection.send(.runStart(RunStart(runId: "run_x", sessionId: "sess_x", job: .echo(EchoRequest(message: "n1")))))
            return try await iterator.next()
        })
        #expect(reply == .runEvent(RunEvent(runId: "run_x", kind: .assistantDelta, payload: ["text": "n1"])))
    }

    /// A worker sends its last `run_end` and exits: the frame must arrive whole even when it is
    /// larger than the socket's buffer (a page image, an export), not be cut off by the close.
    @Test(arguments: [64 * 1024, 3 * 1024 * 1024])
    func aLargeLastFrameArrivesWholeBeforeTheConnectionCloses(size: Int) async throws {
        let payload = String(repeating: "x", count: size)
        let received = try await Self.withPair(server: { connection in
            try await connection.send(.runEnd(RunEnd(runId: "run_big", outcome: .completed, result: ["png_base64": .string(payload)])))
            // Returning closes the connection at once, as a worker does after its last run.
        }, client: { connection -> Int? in
            var iterator = connection.messages.makeAsyncIterator()
            guard case .runEnd(let end) = try await iterator.next() else { return nil }
            return end.result?["png_base64"]?.stringValue?.count
        })
        #expect(received == size)
    }

    @Test func wrongProtocolVersionIsRefusedWithReason() async throws {
        let ack = try await Self.withPair(server: { connection in
            var iterator = connection.messages.makeAsyncIterator()
            _ = try? await connection.acceptHandshake(expecting: [.worker], iterator: &iterator)
        }, client: { connection -> HelloAck? in
            try await connection.send(.hello(Hello(protocolVersion: 999, role: .worker, pid: 1)))
            var iterator = connection.messages.makeAsyncIterator()
            guard case .helloAck(let ack) = try await iterator.next() else { return nil }
            return ack
        })
        #expect(ack?.accepted == false)
        #expect(ack?.reason?.contains("999") == true)
    }

    @Test func oversizedFrameClosesConnectionWithTypedError() async throws {
        let outcome = try await Self.withPair(server: { connection in
            // Announce 1 GiB; the client must refuse without waiting for it.
            try await connection.rawWrite(ByteBuffer(bytes: [0x40, 0, 0, 0, 1, 2, 3]))
            try await Task.sleep(for: .seconds(30))  // hold the socket open; the client must not wait for it
        }, client: { connection -> String in
            do {
                for try await _ in connection.messages {}
                return "ended"
            } catch let error as FrameError {
                return error.code
            }
        })
        #expect(outcome == "frame_too_large")
    }

    @Test func truncatedFrameAtCloseIsReported() async throws {
        let outcome = try await Self.withPair(server: { connection in
            try await connection.rawWrite(ByteBuffer(bytes: [0, 0, 0, 10, 1, 2]))
        }, client: { connection -> String in
            do {
                for try await _ in connection.messages {}
                return "ended"
            } catch let error as FrameError {
                return error.code
            }
        })
        #expect(outcome == "truncated_frame")
    }

    @Test func invalidJSONIsReported() async throws {
        let outcome = try await Self.withPair(server: { connection in
            try await connection.rawWrite(FrameEncoder.frame(Array("{oops".utf8)))
            try await Task.sleep(for: .seconds(30))
        }, client: { connection -> String in
            do {
                for try await _ in connection.messages {}
                return "ended"
            } catch let error as FrameError {
                return error.code
            }
        })
        #expect(outcome == "invalid_json")
    }
}

extension IPCConnection {
    /// Writes raw bytes on a NIO-backed connection (malformed frames the codec would never make).
    func rawWrite(_ bytes: ByteBuffer) async throws {
        guard case .nio(let writer) = outbound else { throw IPCTransportError.descriptorsUnsupported }
        try await writer.write(bytes)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOCore
import Testing

@testable import IPC

/// The gateway ⇄ worker transport: frames written inline while the socket takes them, queued
/// for the writer thread when it does not, must still arrive whole and in order.
@Suite("SocketTransport", .timeLimit(.minutes(1)))
struct SocketTransportTests {
    static func socketPair() throws -> (IPCSocket, IPCSocket) {
        var fds: [CInt] = [-1, -1]
        let result = fds.withUnsafeMutableBufferPointer { socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, $0.baseAddress) }
        try #require(result == 0)
        return (IPCSocket(descriptor: fds[0]), IPCSocket(descriptor: fds[1]))
    }

    static func delta(_ wseq: Int) -> IPCMessage {
        .runEvent(RunEvent(runId: "run_1", kind: .assistantDelta, payload: ["text": .string("token \(wseq) \"quoted\" \u{1F600} " + String(repeating: "x", count: wseq % 300))], wseq: wseq))
    }

    /// Far more than a socket buffer holds, sent before the peer reads anything: the first
    /// frames go out inline, the rest queue behind a full socket; all arrive, in order.
    @Test func framesArriveInOrderWhenTheSocketFillsUp() async throws {
        let count = 20_000
        let (sender, receiver) = try Self.socketPair()
        let (sent, sentSignal) = AsyncStream<Void>.makeStream()
        async let received: [IPCMessage] = IPCChannel.run(socket: receiver) { connection in
            for await _ in sent { break }  // read only once everything has been handed over
            var iterator = connection.messages.makeAsyncIterator()
            var messages: [IPCMessage] = []
            while messages.count < count, let message = try await iterator.next() { messages.append(message) }
            return messages
        }
        try await IPCChannel.run(socket: sender, drainTimeout: .seconds(30)) { connection in
            for wseq in 1...count { try await connection.send(Self.delta(wseq)) }
            sentSignal.yield()
            sentSignal.finish()
        }
        let messages = try await received
        #expect(messages.count == count)
        #expect(messages == (1...count).map(Self.delta))
    }

    /// Several tasks sending at once: each one's frames keep their order.
    @Test func concurrentSendersKeepTheirOwnOrder() async throws {
        let perSender = 3_000
        let (sender, receiver) = try Self.socketPair()
        async let received: [IPCMessage] = IPCChannel.run(socket: receiver) { connection in
            var iterator = connection.messages.makeAsyncIterator()
            var messages: [IPCMessage] = []
            while messages.count < 4 * perSender, let message = try await iterator.next() { messages.append(message) }
            return messages
        }
        try await IPCChannel.run(socket: sender, drainTimeout: .seconds(30)) { connection in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for run in 0..<4 {
                    group.addTask {
                        for wseq in 1...perSender {
                            try await connection.send(.runEvent(RunEvent(runId: "run_\(run)", kind: .assistantDelta, payload: ["text": "t"], wseq: wseq)))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        var next = [String: Int]()
        for case .runEvent(let event) in try await received {
            #expect(event.wseq == (next[event.runId] ?? 0) + 1, "\(event.runId)")
            next[event.runId] = event.wseq
        }
        #expect(next == ["run_0": perSender, "run_1": perSender, "run_2": perSender, "run_3": perSender])
    }
}

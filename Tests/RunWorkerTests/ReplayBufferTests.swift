import IPC
import Testing

@testable import WorkerCore

@Suite("ReplayBuffer")
struct ReplayBufferTests {
    static func delta(_ text: String) -> IPCMessage {
        .runEvent(RunEvent(runId: "run_1", kind: .assistantDelta, payload: ["text": .string(text)]))
    }

    @Test func numbersFramesGaplessFromOne() {
        var buffer = ReplayBuffer()
        #expect((0..<3).map { buffer.append(Self.delta("\($0)")) } == [1, 2, 3])
        #expect(buffer.nextWseq == 4 && buffer.unacknowledgedCount == 3)
    }

    @Test func ackTrimsOnlyTheCoveredPrefix() {
        var buffer = ReplayBuffer()
        for index in 0..<5 { _ = buffer.append(Self.delta("\(index)")) }
        buffer.acknowledge(through: 3)
        #expect(buffer.unacknowledgedCount == 2)
        buffer.acknowledge(through: 2)  // stale: never goes backwards
        buffer.acknowledge(through: 9)  // beyond what was sent: ignored
        #expect(buffer.acknowledged == 3 && buffer.unacknowledgedCount == 2)
    }

    @Test func replayResendsExactlyWhatTheNewGatewayLacks() {
        var buffer = ReplayBuffer()
        for index in 1...6 { _ = buffer.append(Self.delta("d\(index)")) }
        buffer.acknowledge(through: 2)
        // The old gateway persisted 4 but died before its ack reached us.
        let replay = buffer.replay(after: 4)
        #expect(replay.map(\.wseq) == [5, 6])
        #expect(replay.map(\.message) == [Self.delta("d5"), Self.delta("d6")])
        #expect(buffer.acknowledged == 4)
        // Numbering continues after the replayed frames.
        #expect(buffer.append(Self.delta("d7")) == 7)
    }

    @Test func replayWithNothingPersistedResendsEverythingUnacknowledged() {
        var buffer = ReplayBuffer()
        for index in 1...3 { _ = buffer.append(Self.delta("d\(index)")) }
        #expect(buffer.replay(after: 0).map(\.wseq) == [1, 2, 3])
    }
}

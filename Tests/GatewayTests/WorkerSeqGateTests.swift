import Testing

@testable import Gateway

@Suite("WorkerSeqGate")
struct WorkerSeqGateTests {
    @Test func appliesInOrderFromOne() {
        var gate = WorkerSeqGate()
        #expect([1, 2, 3].map { gate.admit($0) } == [.apply, .apply, .apply])
        #expect(gate.applied == 3)
    }

    @Test func dropsWhatTheOldGatewayAlreadyPersisted() {
        var gate = WorkerSeqGate(persisted: 4)
        // The worker replays 3...6 (it only saw an ack for 2).
        #expect([3, 4, 5, 6].map { gate.admit($0) } == [.duplicate, .duplicate, .apply, .apply])
        #expect(gate.admit(5) == .duplicate)
        #expect(gate.applied == 6)
    }

    @Test func reportsAGapAndDoesNotAdvance() {
        var gate = WorkerSeqGate(persisted: 2)
        #expect(gate.admit(4) == .gap(expected: 3, got: 4))
        #expect(gate.applied == 2)
        #expect(gate.admit(3) == .apply)
    }

    @Test func unnumberedFramesPassAsBefore() {
        var gate = WorkerSeqGate(persisted: 7)
        #expect(gate.admit(nil) == .apply)
        #expect(gate.applied == 7)
    }
}

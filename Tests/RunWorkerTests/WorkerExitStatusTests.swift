import IPC
import Testing
@testable import WorkerCore

/// What a worker's exit says to the supervisor when its connection ends: only a refused hello
/// is an error that will repeat; a gateway that went away is not.
@Suite struct WorkerExitStatusTests {
    @Test func aGatewayThatWentAwayIsNeverABootError() {
        #expect(WorkerProcess.exitStatus(afterClosing: IPCHandshakeError.closed) == .gatewayUnavailable)
        #expect(WorkerProcess.exitStatus(afterClosing: IPCHandshakeError.unexpected("ping")) == .gatewayUnavailable)
        #expect(!WorkerExitStatus.gatewayUnavailable.repeatsAtBoot)
    }

    @Test func aRefusedHelloRepeats() {
        let status = WorkerProcess.exitStatus(afterClosing: IPCHandshakeError.refused("protocol version 9 is not supported"))
        #expect(status == .refusedByGateway)
        #expect(status.repeatsAtBoot)
    }

    @Test func aConnectionThatEndsAfterTheHelloIsAServedExit() {
        struct Reset: Error {}
        #expect(WorkerProcess.exitStatus(afterClosing: Reset()) == .served)
    }
}

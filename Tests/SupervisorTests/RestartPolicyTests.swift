import Testing

@testable import Supervisor

@Suite("RestartPolicy")
struct RestartPolicyTests {
    let policy = RestartPolicy()  // 100 ms doubling to 10 s; 10 crashes in 60 s

    @Test func backoffDoublesFrom100MillisecondsUpToTenSeconds() {
        let delays = (1...10).map { policy.backoff(forCrash: $0) }
        #expect(delays == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
            .milliseconds(3200), .milliseconds(6400), .seconds(10), .seconds(10), .seconds(10),
        ])
    }

    @Test func supervisorGivesUpAfterTenCrashesInSixtySeconds() {
        var history = CrashHistory()
        for second in 0..<10 {
            guard case .restart = history.record(at: .seconds(second), policy: policy) else {
                Issue.record("gave up too early at crash \(second + 1)")
                return
            }
        }
        #expect(history.record(at: .seconds(10), policy: policy) == .giveUp(crashes: 11, within: .seconds(60)))
    }

    @Test func crashesOutsideTheWindowAreForgottenAndBackoffResets() {
        var history = CrashHistory()
        for second in 0..<5 { _ = history.record(at: .seconds(second), policy: policy) }
        // A long stable run later: the old crashes no longer count.
        #expect(history.record(at: .seconds(200), policy: policy) == .restart(after: .milliseconds(100)))
        #expect(history.recent(at: .seconds(200), policy: policy) == 1)
    }

    @Test func crashesSpreadOutNeverGiveUp() {
        var history = CrashHistory()
        for minute in 0..<100 {
            #expect(history.record(at: .seconds(minute * 7), policy: policy) != .giveUp(crashes: 11, within: .seconds(60)))
        }
    }

    @Test func waitStatusIsDecoded() {
        #expect(ChildExit(waitStatus: 0) == .exited(code: 0))
        #expect(ChildExit(waitStatus: 3 << 8) == .exited(code: 3))
        #expect(ChildExit(waitStatus: 9) == .signaled(signal: 9))
    }

    @Test func workerExitClassification() {
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 0), reachedReady: true) == .normal)
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 0), reachedReady: false) == .normal)
        #expect(ExitClass.classify(role: .worker, exit: .signaled(signal: 9), reachedReady: true) == .crash)
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 3), reachedReady: false) == .bootFailure)
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 69), reachedReady: false) == .gatewayGone)
    }

    @Test func gatewayIsPermanent() {
        #expect(ExitClass.classify(role: .gateway, exit: .exited(code: 0), reachedReady: true) == .crash)
        #expect(ExitClass.classify(role: .gateway, exit: .exited(code: 3), reachedReady: false) == .bootFailure)
    }
}

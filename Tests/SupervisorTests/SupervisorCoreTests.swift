#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging
import Synchronization
import Testing

@testable import Supervisor

/// The supervisor's decisions, tested as values: events in, effects out, no processes.
@Suite("SupervisorCore")
struct SupervisorCoreTests {
    /// A core on a clock the test moves.
    /// Time the test moves by hand.
    final class TestTime: Sendable {
        let value = Mutex<Duration>(.zero)
    }

    struct Harness {
        var core: SupervisorCore
        let time = TestTime()

        init(
            configure: (inout SupervisorConfiguration) -> Void = { _ in }, watchdogMicroseconds: UInt64? = nil,
            logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) {
            var configuration = SupervisorConfiguration(binDirectory: "/opt/resume-agent")
            configuration.port = 8080
            configure(&configuration)
            let time = self.time
            core = SupervisorCore(
                configuration: configuration, watchdogMicroseconds: watchdogMicroseconds, childEnvironment: ["PATH": "/usr/bin", "NOTIFY_SOCKET": "/x"],
                logger: logger, now: { time.value.withLock { $0 } })
        }

        func advance(_ duration: Duration) { time.value.withLock { $0 += duration } }

        /// Workers the loop "spawned" (each spawn effect is answered at once, as the loop does).
        var spawned: [Int32] = []
        var nextPid: Int32 = 200
        /// The kind of each spawned worker and when (on the test's clock) it was spawned.
        var spawnedKinds: [Int32: WorkerKind] = [:]
        var spawnedAt: [Int32: Duration] = [:]

        mutating func handle(_ event: SupervisorEvent) -> [SupervisorEffect] {
            var effects = core.handle(event)
            var index = 0
            while index < effects.count {
                if case .spawnWorker(let kind, _) = effects[index] {
                    nextPid += 1
                    spawned.append(nextPid)
                    spawnedKinds[nextPid] = kind
                    spawnedAt[nextPid] = time.value.withLock { $0 }
                    effects += core.handle(.workerSpawned(pid: nextPid, kind: kind))
                }
                index += 1
            }
            return effects
        }

        /// Starts the gateway (pid 100) and lets it report that it listens.
        mutating func bootGateway(pid: Int32 = 100, generation: Int = 1) -> [SupervisorEffect] {
            var effects = handle(.gatewaySpawned(generation: generation, pid: pid))
            effects += handle(.gatewayMessage(generation: generation, .gatewayListening(GatewayListening(host: "127.0.0.1", port: 8080, workerSocketPath: "/run/w.sock"))))
            return effects
        }
    }

    static func spawnedWorkers(_ effects: [SupervisorEffect]) -> Int {
        effects.filter { if case .spawnWorker = $0 { true } else { false } }.count
    }

    static func workerExecutables(_ effects: [SupervisorEffect]) -> [String] {
        effects.compactMap { if case .spawnWorker(_, let spec) = $0 { spec.executable } else { nil } }
    }

    static func gatewaySpawns(_ effects: [SupervisorEffect]) -> [Int] {
        effects.compactMap { if case .spawnGateway(let generation, _) = $0 { generation } else { nil } }
    }

    static func delayed(_ effects: [SupervisorEffect]) -> [(Duration, String)] {
        effects.compactMap { if case .after(let delay, let event) = $0 { (delay, "\(event)") } else { nil } }
    }

    static func notifications(_ effects: [SupervisorEffect]) -> [String] {
        effects.compactMap { if case .notify(let text) = $0 { text } else { nil } }
    }

    /// With only the built-in engines allowed, agent workers are told not to load libcurl;
    /// document workers never get the flag (they load it only to fetch a posting).
    @Test func agentWorkersSkipTheTransportOnlyWhenNoProviderReachesTheNetwork() {
        func workerArguments(preload: Bool) -> [WorkerKind: [String]] {
            var harness = Harness(configure: { $0.agentWorkersPreloadTransport = preload })
            _ = harness.core.start()
            var arguments: [WorkerKind: [String]] = [:]
            for effect in harness.bootGateway() {
                if case .spawnWorker(let kind, let spec) = effect { arguments[kind] = spec.arguments }
            }
            return arguments
        }
        let localOnly = workerArguments(preload: false)
        #expect(localOnly[.agent]?.suffix(2) == ["--preload-transport", "off"])
        #expect(localOnly[.document]?.contains("--preload-transport") == false)
        #expect(workerArguments(preload: true)[.agent]?.contains("--preload-transport") == false)
    }

    @Test func startsTheGatewayThenWarmsThePoolThenSaysReadyOnce() {
        var harness = Harness()
        let start = harness.core.start()
        #expect(Self.gatewaySpawns(start) == [1])
        guard case .spawnGateway(_, let spec)? = start.first(where: { if case .spawnGateway = $0 { true } else { false } }) else {
            Issue.record("no gateway spawn")
            return
        }
        #expect(spec.executable == "/opt/resume-agent/resume-agent-gateway")
        #expect(spec.environment["NOTIFY_SOCKET"] == nil, "only the supervisor talks to systemd")
        let listening = harness.bootGateway()
        // Two agent workers and one document worker, each kind from its own program.
        #expect(Self.spawnedWorkers(listening) == 3)
        #expect(harness.spawned == [201, 202, 203])
        #expect(Self.workerExecutables(listening) == [
            "/opt/resume-agent/resume-agent-worker", "/opt/resume-agent/resume-agent-worker", "/opt/resume-agent/resume-agent-document-worker",
        ])
        // Ready only once both kinds are warm.
        let agentsOnly = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: [201, 202]))))
        #expect(Self.notifications(agentsOnly).filter { $0.hasPrefix("READY=1") }.isEmpty)
        let warm = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: [201, 202, 203]))))
        #expect(Self.notifications(warm).filter { $0.hasPrefix("READY=1") }.count == 1)
        #expect(warm.contains { if case .announce = $0 { true } else { false } })
        let again = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: [201, 202, 203]))))
        #expect(Self.notifications(again).filter { $0.hasPrefix("READY=1") }.isEmpty)
    }

    @Test func aGatewayThatExitsWithAnErrorBeforeItIsReadyHaltsTheSupervisor() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.handle(.gatewaySpawned(generation: 1, pid: 100))
        let effects = harness.handle(.childExited(pid: 100, exit: .exited(code: 74)))
        #expect(Self.gatewaySpawns(effects).isEmpty)
        #expect(!Self.delayed(effects).contains { $0.1.contains("spawnGatewayDue") })
        #expect(Self.notifications(effects).contains("STOPPING=1"))
        #expect(harness.core.exitCode == 1)
    }

    @Test func aGatewayKilledWhileStartingIsRestartedNotAHalt() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.handle(.gatewaySpawned(generation: 1, pid: 100))
        let effects = harness.handle(.childExited(pid: 100, exit: .signaled(signal: SIGKILL)))
        #expect(Self.delayed(effects).map(\.0) == [.milliseconds(100)])
        #expect(harness.core.exitCode == nil)
        #expect(Self.gatewaySpawns(harness.handle(.spawnGatewayDue)) == [2])
    }

    @Test func aCrashingGatewayBacksOffThenGivesUp() {
        var harness = Harness { $0.gatewayRestart = RestartPolicy(initialBackoff: .milliseconds(20), maxBackoff: .seconds(1), intensity: 4, period: .seconds(30)) }
        _ = harness.core.start()
        var backoffs: [Duration] = []
        for generation in 1...5 {
            _ = harness.bootGateway(pid: Int32(100 + generation), generation: generation)
            harness.advance(.milliseconds(10))
            let effects = harness.handle(.childExited(pid: Int32(100 + generation), exit: .signaled(signal: SIGSEGV)))
            backoffs += Self.delayed(effects).filter { $0.1.contains("spawnGatewayDue") }.map(\.0)
            if generation < 5 { _ = harness.handle(.spawnGatewayDue) }
        }
        #expect(backoffs == [.milliseconds(20), .milliseconds(40), .milliseconds(80), .milliseconds(160)])
        #expect(harness.core.phase == .stopping(exitCode: 1))
    }

    @Test func aStormOfWorkerKillsNeverStopsTheServiceAndCapacityReturns() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.bootGateway()
        var held = 0
        var longestHold: Duration = .zero
        // A worker SIGKILLed every 30 ms for 60 s, most of them before their hello.
        for _ in 0..<2000 {
            harness.advance(.milliseconds(30))
            guard let victim = harness.spawned.last(where: { harness.core.workers[$0] != nil }) else {
                // Spawning is held: the storm goes on against nothing until the hold ends.
                continue
            }
            let effects = harness.handle(.childExited(pid: victim, exit: .signaled(signal: SIGKILL)))
            for (delay, event) in Self.delayed(effects) where event.contains("workerSpawnsAllowed") {
                held += 1
                longestHold = max(longestHold, delay)
                _ = harness.handle(.workerSpawnsAllowed)
            }
            #expect(harness.core.exitCode == nil)
            if harness.core.phase != .running { return }
        }
        #expect(held > 0, "a storm slows spawning down")
        #expect(longestHold <= .seconds(1), "and capacity comes back within a second of it ending")
        // After the storm, the pool is full again.
        harness.advance(.seconds(61))
        _ = harness.handle(.workerSpawnsAllowed)
        #expect(harness.core.workers.count >= 2)
    }

    /// Answers every spawn hold at once (the loop would, after its delay), as the storm test does.
    static func releaseHolds(_ effects: [SupervisorEffect], _ harness: inout Harness) -> Int {
        var holds = 0
        var pending = effects
        while let delayed = pending.first(where: { if case .after(_, .workerSpawnsAllowed) = $0 { true } else { false } }) {
            _ = delayed
            holds += 1
            pending = harness.handle(.workerSpawnsAllowed)
        }
        return holds
    }

    /// The load suite's finding: with the gateway killed again and again, every idle worker
    /// lost its gateway and exited with an error, and those still starting could not reach it;
    /// the supervisor counted them as boot failures and gave up, taking the service down.
    @Test func workersThatLoseTheirGatewayNeverStopTheService() {
        var harness = Harness()
        _ = harness.core.start()
        var gatewayPid: Int32 = 100
        _ = harness.bootGateway(pid: gatewayPid, generation: 1)
        var lost = 0
        // The gateway SIGKILLed 4 times in 60 s (within its own restart intensity); each time
        // every worker loses it, and after each restart ten workers in a row die before their
        // hello reached the supervisor because they could not reach the gateway (exit 69).
        for _ in 0..<4 {
            harness.advance(.seconds(15))
            var effects = harness.handle(.childExited(pid: gatewayPid, exit: .signaled(signal: SIGKILL)))
            for pid in harness.spawned where harness.core.workers[pid] != nil {
                effects += harness.handle(.childExited(pid: pid, exit: .exited(code: WorkerExitStatus.gatewayUnavailable.rawValue)))
                lost += 1
            }
            _ = Self.releaseHolds(effects, &harness)
            #expect(harness.core.phase == .running)
            _ = harness.handle(.spawnGatewayDue)
            gatewayPid += 1
            _ = harness.bootGateway(pid: gatewayPid, generation: harness.core.gateway?.generation ?? 0)
            for _ in 0..<10 {
                harness.advance(.milliseconds(30))
                guard let newest = harness.spawned.last(where: { harness.core.workers[$0] != nil }) else { continue }
                let exited = harness.handle(.childExited(pid: newest, exit: .exited(code: WorkerExitStatus.gatewayUnavailable.rawValue)))
                lost += 1
                _ = Self.releaseHolds(exited, &harness)
                #expect(harness.core.phase == .running)
            }
        }
        #expect(lost >= 50, "more than the worker restart intensity (10 in 60 s) many times over")
        #expect(harness.core.exitCode == nil)
        // After the storm the pool is whole again: two agent workers and one document worker.
        let alive = harness.spawned.filter { harness.core.workers[$0] != nil }
        #expect(alive.count == 3)
        #expect(Set(alive.compactMap { harness.core.workers[$0]?.kind }) == [.agent, .document])
    }

    @Test func spawnFailuresThatPassBackOffAndOnlyOnesThatRepeatHalt() {
        var busy = Harness()
        _ = busy.core.start()
        _ = busy.bootGateway()
        var held = 0
        // fork failing with EAGAIN (too many processes) for a while: backs off, never halts.
        for _ in 0..<100 {
            busy.advance(.milliseconds(100))
            held += Self.releaseHolds(busy.handle(.workerSpawnFailed(.agent, reason: "EAGAIN", repeats: false)), &busy)
            #expect(busy.core.exitCode == nil)
        }
        #expect(held > 0)
        #expect(busy.core.phase == .running)

        var broken = Harness { $0.workerRestart = RestartPolicy(initialBackoff: .milliseconds(10), maxBackoff: .seconds(1), intensity: 3, period: .seconds(60)) }
        _ = broken.core.start()
        _ = broken.bootGateway()
        // The document worker's binary is missing: every spawn fails the same way.
        for _ in 0..<5 where broken.core.phase == .running {
            _ = Self.releaseHolds(broken.handle(.workerSpawnFailed(.document, reason: "ENOENT", repeats: true)), &broken)
        }
        #expect(broken.core.phase == .stopping(exitCode: 1))
    }

    /// Agent runs never starve document jobs of workers: with every agent worker busy at its
    /// maximum, a busy document worker is still joined by another.
    @Test func documentWorkersHaveCapacityOfTheirOwn() {
        var harness = Harness { $0.maxWorkers = 2 }
        _ = harness.core.start()
        _ = harness.bootGateway()  // 201, 202: agent; 203: document
        let effects = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: [], busyPids: [201, 202, 203], activeRuns: 9))))
        #expect(Self.workerExecutables(effects) == ["/opt/resume-agent/resume-agent-document-worker"])
    }

    @Test func workersThatKeepFailingToBootAreAGiveUp() {
        var harness = Harness { $0.workerRestart = RestartPolicy(initialBackoff: .milliseconds(10), maxBackoff: .seconds(1), intensity: 3, period: .seconds(60)) }
        _ = harness.core.start()
        _ = harness.bootGateway()
        for _ in 0..<4 {
            guard let pid = harness.spawned.last(where: { harness.core.workers[$0] != nil }) else { break }
            _ = harness.handle(.childExited(pid: pid, exit: .exited(code: 127)))
            _ = harness.handle(.workerSpawnsAllowed)
        }
        #expect(harness.core.phase == .stopping(exitCode: 1))
    }

    @Test func sigtermDrainsThenExitsZeroWhenEveryChildIsGone() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.bootGateway()
        _ = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: [201], busyPids: [202], activeRuns: 1))))
        // 203 is the document worker; one more agent worker was spawned to keep two warm (204);
        // neither has said hello yet.
        #expect(harness.spawned == [201, 202, 203, 204])
        let stop = harness.handle(.signal(SIGTERM))
        #expect(Self.notifications(stop).contains("STOPPING=1"))
        let signals = stop.compactMap { if case .signal(let pid, let signal) = $0 { "\(pid):\(signal)" } else { nil } }
        // No link in this test: the gateway gets SIGTERM; the idle workers too; the busy one finishes its run.
        #expect(Set(signals) == ["100:\(SIGTERM)", "201:\(SIGTERM)", "203:\(SIGTERM)", "204:\(SIGTERM)"])
        #expect(Self.delayed(stop).contains { $0.1.contains("drainDeadline") })
        for pid: Int32 in [201, 202, 203, 204] { _ = harness.handle(.childExited(pid: pid, exit: .exited(code: 0))) }
        #expect(harness.core.exitCode == nil)
        _ = harness.handle(.childExited(pid: 100, exit: .exited(code: 0)))
        #expect(harness.core.exitCode == 0)
    }

    @Test func drainDeadlineKillsWhatIsLeft() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.bootGateway()
        _ = harness.handle(.signal(SIGTERM))
        let deadline = harness.handle(.drainDeadline)
        #expect(deadline.contains { if case .signal(100, SIGKILL) = $0 { true } else { false } })
    }

    @Test func watchdogPingsOnlyWhileTheGatewayIsHealthy() {
        var harness = Harness(watchdogMicroseconds: 2_000_000)
        #expect(harness.core.probeInterval == .milliseconds(500))
        _ = harness.core.start()
        _ = harness.bootGateway()
        let healthy = harness.handle(.gatewayMessage(generation: 1, .pong(Pong(id: 1, healthy: true, pool: PoolStatus()))))
        #expect(Self.notifications(healthy).contains("WATCHDOG=1"))
        let sick = harness.handle(.gatewayMessage(generation: 1, .pong(Pong(id: 2, healthy: false, pool: PoolStatus()))))
        #expect(!Self.notifications(sick).contains("WATCHDOG=1"))
    }

    @Test func aSilentGatewayIsKilledOnceItsHeartbeatIsOverdue() {
        var harness = Harness { $0.heartbeatTimeout = .seconds(5) }
        _ = harness.core.start()
        _ = harness.bootGateway()
        harness.advance(.seconds(4))
        #expect(!harness.handle(.tick).contains { if case .signal(100, SIGKILL) = $0 { true } else { false } })
        harness.advance(.seconds(2))
        #expect(harness.handle(.tick).contains { if case .signal(100, SIGKILL) = $0 { true } else { false } })
    }

    @Test func eventsOfAnOldGatewayGenerationAreIgnored() {
        var harness = Harness()
        _ = harness.core.start()
        _ = harness.bootGateway()
        _ = harness.handle(.childExited(pid: 100, exit: .signaled(signal: SIGKILL)))
        _ = harness.handle(.spawnGatewayDue)
        let stale = harness.handle(.gatewayMessage(generation: 1, .gatewayListening(GatewayListening(host: "x", port: 1, workerSocketPath: "/x"))))
        #expect(Self.spawnedWorkers(stale) == 0)
        #expect(harness.core.gateway?.listening == nil)
    }

    @Test func exitClassesSeparateBootFailuresFromKills() {
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 0), reachedReady: false) == .normal)
        // Only exits recognised as ones that repeat are boot failures: bad arguments, no
        // sandbox, no scratch directory, a refused hello, the loader's "cannot execute".
        for code: Int32 in [3, 64, 71, 73, 76, 126, 127] {
            #expect(ExitClass.classify(role: .worker, exit: .exited(code: code), reachedReady: false) == .bootFailure, "exit \(code)")
            #expect(ExitClass.classify(role: .worker, exit: .exited(code: code), reachedReady: true) == .crash, "exit \(code) after hello")
        }
        // Anything else that ends a worker before its hello is a crash: restarted, never a halt.
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 1), reachedReady: false) == .crash)
        #expect(ExitClass.classify(role: .worker, exit: .signaled(signal: SIGKILL), reachedReady: false) == .crash)
        #expect(ExitClass.classify(role: .worker, exit: .signaled(signal: SIGSYS), reachedReady: false) == .sandboxKill)
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 1), reachedReady: true) == .crash)
        // A worker whose gateway went away, before or after its hello.
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 69), reachedReady: false) == .gatewayGone)
        #expect(ExitClass.classify(role: .worker, exit: .exited(code: 69), reachedReady: true) == .gatewayGone)
        #expect(ExitClass.classify(role: .gateway, exit: .exited(code: 78), reachedReady: false) == .bootFailure)
        #expect(ExitClass.classify(role: .gateway, exit: .signaled(signal: SIGKILL), reachedReady: false) == .crash)
        #expect(ExitClass.classify(role: .gateway, exit: .exited(code: 1), reachedReady: true) == .crash)
    }
}

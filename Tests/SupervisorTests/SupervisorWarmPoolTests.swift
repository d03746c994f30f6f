import IPC
import Logging
import Synchronization
import Testing

@testable import Supervisor

/// The supervisor's pool follows demand: events in, spawn effects out, on the test's clock.
@Suite("Supervisor warm pool")
struct SupervisorWarmPoolTests {
    typealias Harness = SupervisorCoreTests.Harness

    /// Log lines a test can read (message and metadata), collected in memory.
    final class CapturedLog: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])

        var logger: Logger {
            Logger(label: "test") { _ in Handler(log: self) }
        }

        struct Handler: LogHandler {
            let log: CapturedLog
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .info
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(
                level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt
            ) {
                log.lines.withLock { $0.append((message.description, self.metadata.merging(metadata ?? [:]) { $1 })) }
            }
        }

        func messages(_ text: String) -> [Logger.Metadata] {
            lines.withLock { $0.filter { $0.message == text }.map(\.metadata) }
        }
    }

    /// Drives a steady stream of agent runs: every `interval` one idle worker is taken (reported
    /// busy, then it exits after serving). A worker reports connected `startup` after its spawn.
    /// Returns how many takes found no idle worker.
    static func drive(
        _ harness: inout Harness, steps: Int, interval: Duration, startup: Duration, taken: inout Set<Int32>
    ) -> Int {
        var starved = 0
        for _ in 0..<steps {
            harness.advance(interval)
            let now = harness.time.value.withLock { $0 }
            let ready = harness.spawned.filter {
                harness.spawnedKinds[$0] == .agent && !taken.contains($0) && now - harness.spawnedAt[$0]! >= startup
            }
            let documents = harness.spawned.filter { harness.spawnedKinds[$0] == .document }
            guard let first = ready.first else {
                starved += 1
                _ = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: documents))))
                continue
            }
            taken.insert(first)
            _ = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: Array(ready.dropFirst()) + documents, busyPids: [first]))))
            _ = harness.handle(.childExited(pid: first, exit: .exited(code: WorkerExitStatus.served.rawValue)))
        }
        return starved
    }

    @Test func aSteadyStreamOfRunsGrowsThePoolAheadOfNeedSoRunsStopWaitingForSpawns() {
        let log = CapturedLog()
        var harness = Harness(configure: { $0.minIdleWorkers = 2; $0.maxWorkers = 40; $0.warmMemoryMB = nil }, logger: log.logger)
        _ = harness.core.start()
        _ = harness.bootGateway()
        var taken = Set<Int32>()
        // 20 runs a second while a spawn takes 250 ms: two warm workers run dry at once…
        let firstSecond = Self.drive(&harness, steps: 20, interval: .milliseconds(50), startup: .milliseconds(250), taken: &taken)
        #expect(firstSecond > 0)
        // …then the target grows to rate × spawn time × headroom (≈ 20 × 0.25 × 2 = 10) and, once
        // the pool has caught up, no run waits for a spawn any more.
        _ = Self.drive(&harness, steps: 20, interval: .milliseconds(50), startup: .milliseconds(250), taken: &taken)
        let later = Self.drive(&harness, steps: 60, interval: .milliseconds(50), startup: .milliseconds(250), taken: &taken)
        #expect(later == 0)
        let now = harness.time.value.withLock { $0 }
        let target = harness.core.sizers[.agent]!.target(at: now)
        #expect((8...14).contains(target), "target \(target)")
        // One line per material move, not one per take.
        let changes = log.messages("warm pool target changed")
        #expect(!changes.isEmpty)
        #expect(changes.count < 10)
        #expect(changes.last?["worker.kind"] == "agent")
    }

    @Test func whenDemandStopsTheTargetDecaysToTheMinimumAndNothingMoreIsSpawned() {
        var harness = Harness(configure: { $0.minIdleWorkers = 2; $0.maxWorkers = 40; $0.warmMemoryMB = nil })
        _ = harness.core.start()
        _ = harness.bootGateway()
        var taken = Set<Int32>()
        _ = Self.drive(&harness, steps: 60, interval: .milliseconds(50), startup: .milliseconds(250), taken: &taken)
        let grown = harness.core.sizers[.agent]!.target(at: harness.time.value.withLock { $0 })
        #expect(grown > 2)
        // The runs stop. The workers still starting come up (reported as soon as they connect,
        // as the gateway does), then thirty quiet seconds of reports and health ticks follow.
        for _ in 0..<10 {
            harness.advance(.milliseconds(50))
            let idle = harness.spawned.filter { !taken.contains($0) }
            _ = harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: idle))))
        }
        let before = harness.spawned.count
        var spawnsWhileQuiet = 0
        for _ in 0..<30 {
            harness.advance(.seconds(1))
            let idle = harness.spawned.filter { !taken.contains($0) }
            spawnsWhileQuiet += SupervisorCoreTests.spawnedWorkers(harness.handle(.gatewayMessage(generation: 1, .poolStatus(PoolStatus(idlePids: idle)))))
            spawnsWhileQuiet += SupervisorCoreTests.spawnedWorkers(harness.handle(.tick))
        }
        #expect(spawnsWhileQuiet == 0)
        #expect(harness.spawned.count == before)
        #expect(harness.core.sizers[.agent]!.target(at: harness.time.value.withLock { $0 }) == 2)
    }

    @Test func theMemoryBudgetCapsTheGrowth() {
        var harness = Harness(configure: { $0.minIdleWorkers = 2; $0.maxWorkers = 40; $0.warmMemoryMB = 50 })
        _ = harness.core.start()
        _ = harness.bootGateway()
        var taken = Set<Int32>()
        _ = Self.drive(&harness, steps: 300, interval: .milliseconds(20), startup: .milliseconds(500), taken: &taken)
        // 50 MiB at 10 MiB an idle worker: at most 5 warm, however high the demand.
        #expect(harness.core.sizers[.agent]!.target(at: harness.time.value.withLock { $0 }) == 5)
        let warm = harness.spawned.filter { harness.spawnedKinds[$0] == .agent && !taken.contains($0) }
        #expect(warm.count <= 5)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Injects failures during the load window, as an operator testing failure would from
/// outside: SIGKILL a random worker every N ms, SIGKILL the gateway K times (evenly spread),
/// and watch what the service does — that the supervisor never exits, how long a new gateway
/// takes to answer, which runs were streaming at each gateway kill.
final class ChaosMonkey: Sendable {
    struct GatewayKill: Sendable {
        var atSeconds: Double
        var pid: Int32
        var runsInFlight: [String]
        /// Until /healthz answered again (nil: it never did within the window).
        var backAfterMs: Double?
    }

    struct Report: Sendable {
        var workerKills = 0
        var workerKillAttemptsWithNoWorker = 0
        var gatewayKills: [GatewayKill] = []
        var supervisorExited = false
        /// /readyz answers during the worker-kill window: status → count.
        var readiness: [Int: Int] = [:]
        var workerKillStart: Double?
        var workerKillEnd: Double?
    }

    let plan: ChaosPlan
    let service: ServiceUnderTest
    let ledger: Ledger
    let probe: HTTPClient
    private let state = Mutex(Report())

    init(plan: ChaosPlan, service: ServiceUnderTest, ledger: Ledger, probe: HTTPClient) {
        self.plan = plan
        self.service = service
        self.ledger = ledger
        self.probe = probe
    }

    var report: Report { state.withLock { $0 } }

    /// Runs the chaos over a window of `seconds`, starting now; returns when it is over.
    func run(seconds: Double) async {
        guard let supervisor = service.supervisorPid else { return }
        let start = ContinuousClock.now
        await withDiscardingTaskGroup { group in
            if let every = plan.workerKillEvery {
                let window = plan.workerKillWindow ?? (0, seconds)
                group.addTask { await self.killWorkers(supervisor: supervisor, every: every, from: start, window: window) }
                if plan.probeReadiness {
                    group.addTask { await self.probeReadiness(from: start, window: window) }
                }
            }
            if plan.gatewayKills > 0 {
                group.addTask { await self.killGateways(supervisor: supervisor, from: start, seconds: seconds) }
            }
            group.addTask { await self.watchSupervisor(until: start + .milliseconds(Int64(seconds * 1000))) }
        }
    }

    private func killWorkers(supervisor: Int32, every: Duration, from start: ContinuousClock.Instant, window: (start: Double, end: Double)) async {
        let clock = ContinuousClock()
        try? await Task.sleep(until: start + .milliseconds(Int64(window.start * 1000)), clock: clock)
        state.withLock { $0.workerKillStart = window.start }
        let end = start + .milliseconds(Int64(window.end * 1000))
        var next = clock.now
        while clock.now < end, !Task.isCancelled {
            let workers = ServiceProcesses.of(supervisor: supervisor).workers
            if let victim = workers.randomElement() {
                kill(victim, SIGKILL)
                state.withLock { $0.workerKills += 1 }
            } else {
                state.withLock { $0.workerKillAttemptsWithNoWorker += 1 }
            }
            next = next + every
            try? await Task.sleep(until: next, clock: clock)
        }
        state.withLock { $0.workerKillEnd = window.end }
    }

    private func killGateways(supervisor: Int32, from start: ContinuousClock.Instant, seconds: Double) async {
        for index in 1...plan.gatewayKills {
            let at = seconds * Double(index) / Double(plan.gatewayKills + 1)
            try? await Task.sleep(until: start + .milliseconds(Int64(at * 1000)), clock: .continuous)
            guard let gateway = ServiceProcesses.of(supervisor: supervisor).gateway else { continue }
            let inFlight = ledger.runsInFlight
            let killedAt = ContinuousClock.now
            kill(gateway, SIGKILL)
            let slot = state.withLock { report in
                report.gatewayKills.append(GatewayKill(atSeconds: at, pid: gateway, runsInFlight: inFlight))
                return report.gatewayKills.count - 1
            }
            // Until a new gateway answers /healthz (the old one may answer for an instant more).
            try? await Task.sleep(for: .milliseconds(5))
            let deadline = killedAt + .seconds(30)
            while ContinuousClock.now < deadline {
                if let answer = try? await probe.get("/healthz"), answer.status == 200,
                   let current = ServiceProcesses.of(supervisor: supervisor).gateway, current != gateway {
                    let ms = ContinuousClock.now.milliseconds(since: killedAt)
                    state.withLock { $0.gatewayKills[slot].backAfterMs = ms }
                    break
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    private func probeReadiness(from start: ContinuousClock.Instant, window: (start: Double, end: Double)) async {
        try? await Task.sleep(until: start + .milliseconds(Int64(window.start * 1000)), clock: .continuous)
        let end = start + .milliseconds(Int64(window.end * 1000))
        while ContinuousClock.now < end {
            let status = (try? await probe.get("/readyz"))?.status ?? 0
            state.withLock { $0.readiness[status, default: 0] += 1 }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    private func watchSupervisor(until end: ContinuousClock.Instant) async {
        while ContinuousClock.now < end {
            if !service.supervisorAlive {
                state.withLock { $0.supervisorExited = true }
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        if !service.supervisorAlive { state.withLock { $0.supervisorExited = true } }
    }
}

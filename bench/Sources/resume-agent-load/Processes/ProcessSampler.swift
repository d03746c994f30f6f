import Foundation
import Synchronization

/// Samples the service's processes from `/proc` during a measurement window: CPU time per
/// role and resident memory (RSS each sample, PSS every few seconds).
///
/// Workers are short-lived (one run each), so their CPU cannot be read after they exit; the
/// supervisor reaps them, and the kernel adds a reaped child's whole CPU time to the
/// supervisor's `cutime + cstime`. Worker CPU in the window is therefore: reaped-children CPU
/// gained in the window, minus what gateways that died in the window contributed (their last
/// sample), minus what workers alive at the start had already used, plus what workers alive at
/// the end have used so far. Accurate to one sampling interval for killed gateways.
final class ProcessSampler: Sendable {
    struct Usage: Sendable {
        var seconds = 0.0
        var supervisorCpuMs = 0.0
        var gatewayCpuMs = 0.0
        var workerCpuMs = 0.0
        var fakeModelCpuMs = 0.0
        var driverCpuMs = 0.0
        var supervisorRssPeakKiB = 0
        var gatewayRssPeakKiB = 0
        var workerRssPeaks = Samples()
        var workersSeen = 0
        var workersAlivePeak = 0
        var serviceRssPeakKiB = 0
        var servicePssPeakKiB = 0
        var fakeModelRssPeakKiB = 0
        var gatewaysSeen = 0
        /// CPU the machine spent on everything else (other builds and tests on a shared machine).
        var otherProcessesCpuMs = 0.0
        var serviceCpuMs: Double { supervisorCpuMs + gatewayCpuMs + workerCpuMs }
    }

    private struct Tracked {
        var startCpu: Double
        var lastCpu: Double
        var peakRss: Int
        var alive = true
    }

    private struct State {
        var started = false
        var startInstant = ContinuousClock.now
        var supervisorStart: ProcStat?
        var supervisorLast: ProcStat?
        var gateways: [Int32: Tracked] = [:]
        var workers: [Int32: Tracked] = [:]
        var fakeModelStart = 0.0
        var fakeModelLast = 0.0
        var driverStart = 0.0
        var machineStart = 0.0
        var usage = Usage()
        var lastPss = ContinuousClock.now - .seconds(60)
    }

    let supervisor: Int32
    let fakeModel: Int32?
    let interval: Duration
    let pssInterval: Duration
    private let state = Mutex(State())

    init(supervisor: Int32, fakeModel: Int32?, interval: Duration = .milliseconds(250), pssInterval: Duration = .seconds(2)) {
        self.supervisor = supervisor
        self.fakeModel = fakeModel
        self.interval = interval
        self.pssInterval = pssInterval
    }

    /// Opens the window: the baseline every delta is taken from.
    func begin() {
        let now = ContinuousClock.now
        state.withLock { state in
            state = State()
            state.started = true
            state.startInstant = now
            state.supervisorStart = ProcStat.read(supervisor)
            state.fakeModelStart = fakeModel.flatMap(ProcStat.read)?.cpuMs ?? 0
            state.driverStart = ProcStat.selfCpuMs()
            state.machineStart = ProcStat.machineBusyMs()
        }
        sample(baseline: true)
    }

    /// Samples until cancelled.
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            sample(baseline: false)
        }
    }

    /// Closes the window and returns its figures.
    func end() -> Usage {
        sample(baseline: false)
        return state.withLock { state in
            var usage = state.usage
            usage.seconds = (ContinuousClock.now - state.startInstant).secondsDouble
            guard let start = state.supervisorStart, let last = state.supervisorLast else { return usage }
            usage.supervisorCpuMs = last.cpuMs - start.cpuMs
            let reaped = last.reapedChildrenCpuMs - start.reapedChildrenCpuMs
            var deadGateways = 0.0
            for gateway in state.gateways.values {
                usage.gatewayCpuMs += gateway.lastCpu - gateway.startCpu
                if !gateway.alive { deadGateways += gateway.lastCpu }
            }
            var workers = reaped - deadGateways
            for worker in state.workers.values {
                if worker.alive {
                    workers += worker.lastCpu - worker.startCpu
                } else {
                    workers -= worker.startCpu  // its whole lifetime is in `reaped`
                }
                usage.workerRssPeaks.add(Double(worker.peakRss))
            }
            usage.workerCpuMs = max(0, workers)
            usage.workersSeen = state.workers.count
            usage.gatewaysSeen = state.gateways.count
            usage.fakeModelCpuMs = state.fakeModelLast - state.fakeModelStart
            usage.driverCpuMs = ProcStat.selfCpuMs() - state.driverStart
            let machine = ProcStat.machineBusyMs() - state.machineStart
            usage.otherProcessesCpuMs = max(0, machine - usage.serviceCpuMs - usage.fakeModelCpuMs - usage.driverCpuMs)
            return usage
        }
    }

    private func sample(baseline: Bool) {
        let processes = ServiceProcesses.of(supervisor: supervisor)
        let supervisorStat = ProcStat.read(supervisor)
        let gatewayStat = processes.gateway.flatMap(ProcStat.read)
        let workerStats = processes.workers.compactMap(ProcStat.read)
        let model = fakeModel.flatMap(ProcStat.read)
        let now = ContinuousClock.now
        let measurePss = state.withLock { now - $0.lastPss >= pssInterval }
        let pss = measurePss
            ? ([supervisor] + (processes.gateway.map { [$0] } ?? []) + processes.workers).compactMap(ProcStat.pssKiB).reduce(0, +) : nil
        state.withLock { state in
            guard state.started else { return }
            if let supervisorStat { state.supervisorLast = supervisorStat }
            state.usage.supervisorRssPeakKiB = max(state.usage.supervisorRssPeakKiB, supervisorStat?.rssKiB ?? 0)
            for pid in state.gateways.keys where pid != gatewayStat?.pid { state.gateways[pid]?.alive = false }
            if let gatewayStat {
                // A gateway first seen after the start began inside the window: all its CPU counts.
                let start = baseline ? gatewayStat.cpuMs : 0
                var tracked = state.gateways[gatewayStat.pid] ?? Tracked(startCpu: start, lastCpu: 0, peakRss: 0)
                tracked.lastCpu = gatewayStat.cpuMs
                tracked.peakRss = max(tracked.peakRss, gatewayStat.rssKiB)
                state.gateways[gatewayStat.pid] = tracked
                state.usage.gatewayRssPeakKiB = max(state.usage.gatewayRssPeakKiB, gatewayStat.rssKiB)
            }
            let alive = Set(workerStats.map(\.pid))
            for pid in state.workers.keys where !alive.contains(pid) { state.workers[pid]?.alive = false }
            for worker in workerStats {
                let start = baseline ? worker.cpuMs : 0
                var tracked = state.workers[worker.pid] ?? Tracked(startCpu: start, lastCpu: 0, peakRss: 0)
                tracked.lastCpu = worker.cpuMs
                tracked.peakRss = max(tracked.peakRss, worker.rssKiB)
                state.workers[worker.pid] = tracked
            }
            state.usage.workersAlivePeak = max(state.usage.workersAlivePeak, workerStats.count)
            let rss = (supervisorStat?.rssKiB ?? 0) + (gatewayStat?.rssKiB ?? 0) + workerStats.map(\.rssKiB).reduce(0, +)
            state.usage.serviceRssPeakKiB = max(state.usage.serviceRssPeakKiB, rss)
            if let pss {
                state.lastPss = now
                state.usage.servicePssPeakKiB = max(state.usage.servicePssPeakKiB, pss)
            }
            if let model {
                state.fakeModelLast = model.cpuMs
                state.usage.fakeModelRssPeakKiB = max(state.usage.fakeModelRssPeakKiB, model.rssKiB)
            }
        }
    }

    /// Memory of the idle service right now: RSS per role and PSS of the whole service.
    static func idleMemory(supervisor: Int32) -> IdleMemory {
        let processes = ServiceProcesses.of(supervisor: supervisor)
        let all = [supervisor] + (processes.gateway.map { [$0] } ?? []) + processes.workers
        return IdleMemory(
            supervisorRssKiB: ProcStat.read(supervisor)?.rssKiB ?? 0,
            gatewayRssKiB: processes.gateway.flatMap(ProcStat.read)?.rssKiB ?? 0,
            workerRssKiB: processes.workers.compactMap(ProcStat.read).map(\.rssKiB),
            serviceRssKiB: all.compactMap(ProcStat.read).map(\.rssKiB).reduce(0, +),
            servicePssKiB: all.compactMap(ProcStat.pssKiB).reduce(0, +))
    }
}

struct IdleMemory: Sendable {
    var supervisorRssKiB: Int
    var gatewayRssKiB: Int
    var workerRssKiB: [Int]
    var serviceRssKiB: Int
    var servicePssKiB: Int
}

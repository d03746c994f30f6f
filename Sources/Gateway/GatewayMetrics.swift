import IPC
import Prometheus
import Store
import Synchronization

/// The gateway's Prometheus registry and the gauges/counters it owns. Labels are bounded
/// (state, child), never an id.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let idleWorkers: Gauge
    let busyWorkers: Gauge
    let activeRuns: Gauge
    let gatewayRestarts: Counter
    let workerRestarts: Counter
    let workersSpawned: Counter
    let workerCrashes: Counter
    let sessionsCleaned: Counter
    let exportsCleaned: Counter
    let bytesCleaned: Counter
    let openStreams: Gauge
    let queueDepth: Gauge
    /// Supervisor counters are cumulative; Prometheus counters only go up, so we add deltas.
    private let lastStats = Mutex(SupervisorStats())

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        idleWorkers = registry.makeGauge(name: "resume_agent_workers", labels: [("state", "idle")], help: "Workers by state")
        busyWorkers = registry.makeGauge(name: "resume_agent_workers", labels: [("state", "busy")], help: "Workers by state")
        activeRuns = registry.makeGauge(name: "resume_agent_active_runs", help: "Runs admitted and not ended (running or queued)")
        gatewayRestarts = registry.makeCounter(name: "resume_agent_restarts_total", labels: [("child", "gateway")], help: "Children restarted by the supervisor after a crash")
        workerRestarts = registry.makeCounter(name: "resume_agent_restarts_total", labels: [("child", "worker")], help: "Children restarted by the supervisor after a crash")
        workersSpawned = registry.makeCounter(name: "resume_agent_workers_spawned_total", help: "Worker processes spawned")
        workerCrashes = registry.makeCounter(name: "resume_agent_worker_crashes_total", help: "Worker processes that exited abnormally")
        sessionsCleaned = registry.makeCounter(name: "resume_agent_cleanup_total", labels: [("what", "session")], help: "What retention removed")
        exportsCleaned = registry.makeCounter(name: "resume_agent_cleanup_total", labels: [("what", "export")], help: "What retention removed")
        bytesCleaned = registry.makeCounter(name: "resume_agent_cleanup_bytes_total", help: "Bytes retention freed")
        openStreams = registry.makeGauge(name: "resume_agent_open_streams", help: "Event streams open now")
        queueDepth = registry.makeGauge(name: "resume_agent_queued_runs", help: "Runs and jobs waiting for a worker")
    }

    func cleaned(_ report: Retention.Report) {
        sessionsCleaned.increment(by: Int64(report.sessionsDeleted.count))
        exportsCleaned.increment(by: Int64(report.exportsDeleted))
        bytesCleaned.increment(by: Int64(report.bytesFreed))
    }

    func update(pool: PoolStatus) {
        idleWorkers.set(Double(pool.idlePids.count))
        busyWorkers.set(Double(pool.busyPids.count))
        activeRuns.set(Double(pool.activeRuns))
    }

    func update(supervisor stats: SupervisorStats) {
        let previous = lastStats.withLock { last in
            defer { last = stats }
            return last
        }
        func add(_ counter: Counter, _ new: Int, _ old: Int) {
            if new > old { counter.increment(by: Int64(new - old)) }
        }
        add(gatewayRestarts, stats.gatewayRestarts, previous.gatewayRestarts)
        add(workerRestarts, stats.workerRestarts, previous.workerRestarts)
        add(workersSpawned, stats.workersSpawned, previous.workersSpawned)
        add(workerCrashes, stats.workerCrashes, previous.workerCrashes)
    }

    public func render() -> String { registry.emitToString() }
}

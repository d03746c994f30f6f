#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging

/// The supervisor's state and its reaction to each event: a pure decision maker. It never
/// spawns, signals or writes; each call returns the ``SupervisorEffect``s to carry out, and
/// their results come back as events. `Supervisor.run` feeds it one event at a time.
struct SupervisorCore {
    struct GatewayChild {
        var pid: Int32?
        let generation: Int
        var link: IPCConnection?
        var listening: GatewayListening?
        var lastPong: Duration
    }

    struct WorkerChild {
        let kind: WorkerKind
        /// When it was spawned: its spawn time is measured when the gateway first reports it.
        let spawnedAt: Duration
        var connected = false
        /// Running a run, as last reported (a change to true is one take).
        var busy = false
    }

    enum Phase: Equatable {
        case running
        case stopping(exitCode: Int32)
    }

    private(set) var configuration: SupervisorConfiguration
    let logger: Logger
    let now: @Sendable () -> Duration
    let watchdogInterval: Duration?
    /// The gateway's environment: its settings, never a provider key (``ChildEnvironment``).
    let gatewayEnvironment: [String: String]
    /// A worker's environment: locale, logging, the supervisor's pid; nothing else.
    let workerEnvironment: [String: String]
    /// The operator's provider keys by provider name: sent to each gateway over its control
    /// link right after its hello (only this process keeps them in its environment).
    let providerKeys: [String: String]

    private(set) var phase = Phase.running
    private(set) var gateway: GatewayChild?
    private(set) var workers: [Int32: WorkerChild] = [:]
    /// Workers asked for and not yet spawned (their pid comes back as an event).
    private var workersSpawning: [WorkerKind: Int] = [:]
    private var pool = PoolStatus()
    /// Each kind's warm-pool target, from demand (``WarmPoolSizer``).
    private(set) var sizers: [WorkerKind: WarmPoolSizer]
    /// The target last logged per kind (a line only when it moves materially).
    private var loggedTargets: [WorkerKind: Int] = [:]
    private var gatewayCrashes = CrashHistory()
    private var workerBootFailures = CrashHistory()
    private var workerCrashes = CrashHistory()
    private var workerSpawnHold = false
    private(set) var stats = SupervisorStats()
    private(set) var readySent = false
    private var lastStatusLine = ""
    private var nextPingID: UInt64 = 0
    private var generation = 0
    private(set) var exitCode: Int32?
    private var effects: [SupervisorEffect] = []

    /// - Parameters:
    ///   - childEnvironment: the supervisor's own environment; each child gets only its part.
    ///   - providerKeys: the operator's keys by provider name (``ProviderSecrets``).
    init(
        configuration: SupervisorConfiguration, watchdogMicroseconds: UInt64?, childEnvironment: [String: String],
        providerKeys: [String: String] = [:], logger: Logger, now: @escaping @Sendable () -> Duration
    ) {
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.watchdogInterval = watchdogMicroseconds.map { .microseconds(Int64($0)) }
        self.gatewayEnvironment = ChildEnvironment.gateway(from: childEnvironment)
        self.workerEnvironment = ChildEnvironment.worker(from: childEnvironment)
        self.providerKeys = providerKeys
        let start = now()
        self.sizers = Dictionary(uniqueKeysWithValues: WorkerKind.allCases.map {
            ($0, WarmPoolSizer(settings: configuration.sizing($0), now: start))
        })
    }

    /// How often the gateway is probed: a quarter of the watchdog interval, so that
    /// `WATCHDOG=1` goes out at least every half interval even with one lost probe.
    var probeInterval: Duration {
        guard let watchdogInterval else { return configuration.probeInterval }
        return min(configuration.probeInterval, watchdogInterval / 4)
    }

    // MARK: Events

    mutating func start() -> [SupervisorEffect] {
        if let watchdogInterval {
            logger.info("systemd watchdog enabled", metadata: ["interval_ms": "\(watchdogInterval.milliseconds)"])
        }
        spawnGateway()
        return flush()
    }

    mutating func handle(_ event: SupervisorEvent) -> [SupervisorEffect] {
        switch event {
        case .signal(let signal):
            handleSignal(signal)
        case .childExited(let pid, let exit):
            childExited(pid: pid, exit: exit)
        case .gatewaySpawned(let generation, let pid):
            guard gateway?.generation == generation else { break }
            gateway?.pid = pid
            logger.info("gateway spawned", metadata: ["gateway.pid": "\(pid)"])
            if phase != .running { effects.append(.signal(pid: pid, SIGTERM)) }
        case .workerSpawned(let pid, let kind):
            workersSpawning[kind] = max(0, (workersSpawning[kind] ?? 0) - 1)
            workers[pid] = WorkerChild(kind: kind, spawnedAt: now())
            stats.workersSpawned += 1
            logger.info("worker spawned", metadata: ["worker.pid": "\(pid)", "worker.kind": "\(kind.rawValue)"])
            if phase != .running { effects.append(.signal(pid: pid, SIGTERM)) }
        case .spawnFailed(let role, let reason):
            spawnFailed(role, reason: reason)
        case .workerSpawnFailed(let kind, let reason, let repeats):
            workersSpawning[kind] = max(0, (workersSpawning[kind] ?? 0) - 1)
            logger.error("cannot spawn worker", metadata: ["error": "\(reason)", "worker.kind": "\(kind.rawValue)"])
            // A missing or unexecutable binary will fail the same way: give up past the
            // intensity. Anything else (no memory, too many processes) backs off and recovers.
            if repeats { holdWorkerSpawnsAfterBootFailure() } else { holdWorkerSpawnsDuringStorm() }
        case .gatewayLinked(let generation, let connection):
            guard gateway?.generation == generation else { break }
            gateway?.link = connection
            let instant = now()
            gateway?.lastPong = instant
            // Keys go over the link, first thing: never through the gateway's environment.
            effects.append(.send(connection, .providerKeys(ProviderKeys(keys: providerKeys))))
        case .gatewayMessage(let generation, let message):
            guard gateway?.generation == generation else { break }
            handleGatewayMessage(message)
        case .gatewayLinkClosed(let generation, let reason):
            guard gateway?.generation == generation else { break }
            gateway?.link = nil
            if phase == .running {
                logger.warning("gateway control link closed", metadata: ["reason": "\(reason ?? "eof")"])
            }
        case .spawnGatewayDue:
            if phase == .running, gateway == nil { spawnGateway() }
        case .workerSpawnsAllowed:
            workerSpawnHold = false
            ensurePool()
        case .tick:
            probeGateway()
            // Demand decays with time, not only with events: the target follows it down.
            ensurePool()
        case .drainDeadline:
            guard case .stopping = phase else { break }
            let alive = aliveChildren()
            if !alive.isEmpty {
                logger.warning("drain deadline passed; killing remaining children", metadata: ["count": "\(alive.count)"])
                effects += alive.map { .signal(pid: $0, SIGKILL) }
            }
        }
        updateStatus()
        finishIfStopped()
        return flush()
    }

    private mutating func flush() -> [SupervisorEffect] {
        defer { effects.removeAll() }
        return effects
    }

    private mutating func handleSignal(_ signal: Int32) {
        switch signal {
        case SIGTERM, SIGINT:
            if phase == .running {
                logger.info("shutdown requested", metadata: ["signal": "\(signal == SIGTERM ? "SIGTERM" : "SIGINT")"])
                beginStop(exitCode: 0)
            } else {
                logger.warning("second shutdown signal; killing children now")
                effects += aliveChildren().map { .signal(pid: $0, SIGKILL) }
            }
        default:
            logger.info("ignoring signal", metadata: ["signal": "\(signal)"])
        }
    }

    private mutating func handleGatewayMessage(_ message: IPCMessage) {
        switch message {
        case .gatewayListening(let listening):
            gateway?.listening = listening
            if configuration.port == 0 {
                // Keep the port the kernel chose for later gateway generations.
                configuration.port = listening.port
            }
            logger.info("gateway listening", metadata: [
                "gateway.pid": "\(gateway?.pid ?? 0)", "url": "http://\(listening.host):\(listening.port)/",
            ])
            ensurePool()
        case .poolStatus(let status):
            apply(pool: status)
        case .pong(let pong):
            let instant = now()
            gateway?.lastPong = instant
            apply(pool: pong.pool)
            if pong.healthy, watchdogInterval != nil { effects.append(.notify("WATCHDOG=1")) }
        default:
            logger.warning("unexpected frame from gateway", metadata: ["type": "\(message.kind.rawValue)"])
        }
    }

    private mutating func apply(pool status: PoolStatus) {
        pool = status
        let instant = now()
        for pid in status.idlePids { observe(pid, busy: false, at: instant) }
        for pid in status.busyPids { observe(pid, busy: true, at: instant) }
        ensurePool()
        announceReadyIfWarm()
    }

    /// What a status report says about one worker: its first report ends its spawn (a spawn
    /// time sample), a change to busy is a take (demand).
    private mutating func observe(_ pid: Int32, busy: Bool, at instant: Duration) {
        guard var child = workers[pid] else { return }
        if !child.connected {
            child.connected = true
            sizers[child.kind]?.recordSpawn(took: instant - child.spawnedAt)
        }
        if busy, !child.busy { sizers[child.kind]?.recordTake(at: instant) }
        child.busy = busy
        workers[pid] = child
    }

    // MARK: Children

    private mutating func childExited(pid: Int32, exit: ChildExit) {
        var metadata: Logger.Metadata = [:]
        switch exit {
        case .exited(let code): metadata["exit.code"] = "\(code)"
        case .signaled(let signal): metadata["exit.signal"] = "\(signal)"
        }
        if let child = gateway, child.pid == pid {
            gateway = nil
            pool = PoolStatus()
            metadata["gateway.pid"] = "\(pid)"
            guard phase == .running else { return logger.info("gateway exited", metadata: metadata) }
            switch ExitClass.classify(role: .gateway, exit: exit, reachedReady: child.listening != nil) {
            case .bootFailure:
                // It exited with an error before it was ready (bad configuration, an unusable
                // data directory, a missing library): restarting would fail the same way.
                logger.critical("gateway failed to start; not restarting (see its error above)", metadata: metadata)
                beginStop(exitCode: 1)
            case .crash, .normal, .sandboxKill, .gatewayGone:
                logger.error(child.listening == nil ? "gateway killed while starting" : "gateway crashed", metadata: metadata)
                restartGateway()
            }
        } else if let child = workers.removeValue(forKey: pid) {
            metadata["worker.pid"] = "\(pid)"
            metadata["worker.kind"] = "\(child.kind.rawValue)"
            // It could not remove its own scratch directory if it was killed.
            effects.append(.removeScratch(pid: pid))
            let exitClass = ExitClass.classify(role: .worker, exit: exit, reachedReady: child.connected)
            reportWorkerExit(pid: pid, exit: exit, sandboxViolation: exitClass == .sandboxKill)
            guard phase == .running else { return logger.debug("worker exited", metadata: metadata) }
            switch exitClass {
            case .normal:
                // Served and gone without a report showing it busy (reports coalesce under
                // load): its run was still a take.
                if child.connected, !child.busy {
                    let instant = now()
                    sizers[child.kind]?.recordTake(at: instant)
                }
                logger.debug("worker exited", metadata: metadata)
            case .gatewayGone:
                // Its gateway died or is restarting: not the worker's fault, never a boot
                // failure. Counted with crashes only so that a gateway that keeps dropping
                // workers slows spawning down instead of spinning.
                logger.info("worker lost its gateway", metadata: metadata)
                holdWorkerSpawnsDuringStorm()
            case .sandboxKill:
                // A forbidden system call (its own last log line names it): the worker is gone,
                // the service is not. Never a boot failure, never a reason to halt.
                stats.workerCrashes += 1
                stats.workerRestarts += 1
                logger.error("worker killed by its sandbox (seccomp: a forbidden system call)", metadata: metadata)
                holdWorkerSpawnsDuringStorm()
            case .crash:
                stats.workerCrashes += 1
                stats.workerRestarts += 1
                logger.warning("worker crashed", metadata: metadata)
                holdWorkerSpawnsDuringStorm()
            case .bootFailure:
                stats.workerCrashes += 1
                logger.error("worker failed to start", metadata: metadata)
                holdWorkerSpawnsAfterBootFailure()
            }
            ensurePool()
        }
    }

    private mutating func spawnFailed(_ role: ChildRole, reason: String) {
        switch role {
        case .gateway:
            gateway = nil
            logger.error("cannot spawn gateway", metadata: ["error": "\(reason)"])
            if phase == .running { restartGateway() }
        case .worker:
            logger.error("cannot spawn worker", metadata: ["error": "\(reason)"])
            holdWorkerSpawnsAfterBootFailure()
        }
    }

    /// Tells the gateway how a worker ended (it only saw the connection close), so a job the
    /// worker held can say whether its sandbox stopped it.
    private mutating func reportWorkerExit(pid: Int32, exit: ChildExit, sandboxViolation: Bool) {
        guard let link = gateway?.link else { return }
        var report = WorkerExit(pid: pid, sandboxViolation: sandboxViolation)
        switch exit {
        case .exited(let code): report.code = code
        case .signaled(let signal): report.signal = signal
        }
        effects.append(.send(link, .workerExit(report)))
    }

    private mutating func restartGateway() {
        switch gatewayCrashes.record(at: now(), policy: configuration.gatewayRestart) {
        case .restart(let delay):
            stats.gatewayRestarts += 1
            logger.warning("restarting gateway after backoff", metadata: ["backoff_ms": "\(delay.milliseconds)"])
            effects.append(.after(delay, .spawnGatewayDue))
        case .giveUp(let crashes, let period):
            logger.critical("gateway keeps crashing; giving up", metadata: [
                "crashes": "\(crashes)", "period_s": "\(period.components.seconds)",
            ])
            beginStop(exitCode: 1)
        }
    }

    /// A worker that exits with an error before its hello will do so again (a broken binary
    /// or environment): back off, and past the restart intensity give up so systemd sees it.
    private mutating func holdWorkerSpawnsAfterBootFailure() {
        switch workerBootFailures.record(at: now(), policy: configuration.workerRestart) {
        case .restart(let delay):
            holdWorkerSpawns(for: delay, reason: "delaying worker spawns after boot failure")
        case .giveUp(let crashes, let period):
            logger.critical("workers keep failing to start; giving up", metadata: [
                "crashes": "\(crashes)", "period_s": "\(period.components.seconds)",
            ])
            beginStop(exitCode: 1)
        }
    }

    /// Workers killed or crashing (OOM, a sandbox kill, a parser fed garbage in a loop) never
    /// stop the service: past the restart intensity, spawning backs off — capped short, so
    /// full capacity returns within seconds once the storm passes.
    private mutating func holdWorkerSpawnsDuringStorm() {
        let policy = configuration.workerRestart
        let recent = workerCrashes.recordAndCount(at: now(), policy: policy)
        guard recent > policy.intensity else { return }
        let delay = min(policy.backoff(forCrash: recent - policy.intensity), Self.stormBackoffCap)
        holdWorkerSpawns(for: delay, reason: "workers keep crashing; delaying spawns")
    }

    static let stormBackoffCap: Duration = .seconds(1)

    private mutating func holdWorkerSpawns(for delay: Duration, reason: String) {
        guard !workerSpawnHold else { return }
        workerSpawnHold = true
        logger.warning("\(reason)", metadata: ["backoff_ms": "\(delay.milliseconds)"])
        effects.append(.after(delay, .workerSpawnsAllowed))
    }

    private mutating func spawnGateway() {
        generation += 1
        gateway = GatewayChild(pid: nil, generation: generation, lastPong: now())
        let spec = SpawnSpec(
            executable: configuration.gatewayExecutable,
            arguments: [
                "--host", configuration.host, "--port", "\(configuration.port)",
                "--data-dir", configuration.dataDirectory, "--runtime-dir", configuration.effectiveRuntimeDirectory,
                "--control-fd", "3", "--drain-seconds", "\(configuration.drainSeconds)",
            ] + (configuration.inheritedListenFD != nil ? ["--listen-fd", "4"] : [])
                + (configuration.configFile.map { ["--config", $0] } ?? [])
                + (configuration.metricsListen.map { ["--metrics-listen", $0] } ?? []),
            environment: gatewayEnvironment,
            passedDescriptors: configuration.inheritedListenFD.map { [$0] } ?? []
        )
        effects.append(.spawnGateway(generation: generation, spec))
    }

    private mutating func ensurePool() {
        guard phase == .running, gateway?.listening != nil, !workerSpawnHold else { return }
        for kind in WorkerKind.allCases { ensurePool(of: kind) }
    }

    /// Keeps the demand-driven target of `kind` warm (spawning, starting or idle), within its
    /// maximum: a take is replaced at once, and a rising rate spawns ahead of the runs to come.
    private mutating func ensurePool(of kind: WorkerKind) {
        let target = warmTarget(kind)
        let idle = Set(pool.idlePids)
        let ofKind = workers.filter { $0.value.kind == kind }
        let spawning = workersSpawning[kind] ?? 0
        var warm = ofKind.filter { !$0.value.connected || idle.contains($0.key) }.count + spawning
        var total = ofKind.count + spawning
        while warm < target, total < configuration.max(kind) {
            workersSpawning[kind, default: 0] += 1
            effects.append(.spawnWorker(kind, workerSpec(kind)))
            warm += 1
            total += 1
        }
    }

    /// The warm target of `kind` now; logs one line when it moved materially (by a quarter of
    /// the last logged value, at least two workers) so an operator sees the pool follow demand.
    private mutating func warmTarget(_ kind: WorkerKind) -> Int {
        guard let sizer = sizers[kind] else { return configuration.minIdle(kind) }
        let instant = now()
        let target = sizer.target(at: instant)
        let logged = loggedTargets[kind] ?? configuration.minIdle(kind)
        if abs(target - logged) >= Swift.max(2, logged / 4) {
            loggedTargets[kind] = target
            logger.info("warm pool target changed", metadata: [
                "worker.kind": "\(kind.rawValue)", "pool.target": "\(target)", "pool.previous_target": "\(logged)",
                "pool.take_rate": "\(Self.rounded(sizer.rate(at: instant)))", "pool.spawn_ms": "\(sizer.spawnTime.milliseconds)",
            ])
        }
        return target
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    func workerSpec(_ kind: WorkerKind) -> SpawnSpec {
        SpawnSpec(
            executable: configuration.workerExecutable(kind),
            arguments: [
                "--socket", (configuration.effectiveRuntimeDirectory as NSString).appendingPathComponent("worker.sock"),
                "--runs", "\(configuration.runsPerWorker)",
                "--cpu-seconds", "\(configuration.workerCPUSeconds)",
                "--memory-mb", "\(configuration.workerMemoryMB)",
                "--scratch-dir", configuration.scratchRoot,
            ] + (kind == .agent && !configuration.agentWorkersPreloadTransport ? ["--preload-transport", "off"] : []),
            environment: workerEnvironment
        )
    }

    private func aliveChildren() -> [Int32] {
        (gateway?.pid.map { [$0] } ?? []) + Array(workers.keys)
    }

    /// Idle workers of `kind` the gateway reports.
    private func idleCount(_ kind: WorkerKind) -> Int {
        pool.idlePids.filter { workers[$0]?.kind == kind }.count
    }

    // MARK: Health, readiness, status

    private mutating func probeGateway() {
        guard phase == .running, let child = gateway, let pid = child.pid else { return }
        if now() - child.lastPong > configuration.heartbeatTimeout {
            logger.error("gateway unresponsive; killing it", metadata: [
                "gateway.pid": "\(pid)", "silent_ms": "\((now() - child.lastPong).milliseconds)",
            ])
            effects.append(.signal(pid: pid, SIGKILL))
            let instant = now()
            gateway?.lastPong = instant  // one kill per timeout; the exit arrives via SIGCHLD
            return
        }
        guard let link = child.link else { return }
        nextPingID += 1
        effects.append(.send(link, .ping(Ping(id: nextPingID, stats: stats))))
    }

    private mutating func announceReadyIfWarm() {
        guard !readySent, let listening = gateway?.listening,
              WorkerKind.allCases.allSatisfy({ idleCount($0) >= configuration.minIdle($0) }) else { return }
        readySent = true
        lastStatusLine = statusLine()
        effects.append(.notify("READY=1\nSTATUS=\(lastStatusLine)"))
        logger.info("ready", metadata: ["url": "http://\(listening.host):\(listening.port)/", "workers.idle": "\(pool.idlePids.count)"])
        effects.append(.announce(announcement(url: "http://\(listening.host == "0.0.0.0" ? "127.0.0.1" : listening.host):\(listening.port)/")))
    }

    /// The one thing printed on stdout: where to open the app. On first start the link carries
    /// the new token in its fragment (never sent to the server in requests, never logged).
    private func announcement(url: String) -> String {
        guard let token = configuration.firstRunToken else {
            if let file = configuration.firstRunTokenFile {
                return "Resume Agent is ready at \(url) — the first API token is in \(file) (readable only by this user); open \(url)#token=<that token>\n"
            }
            return "Resume Agent is ready at \(url) (create an API token with: resume-agent token create --tenant NAME)\n"
        }
        return """
            Resume Agent is ready. Open this link in your browser (it carries your API token; it is shown only once):
              \(url)#token=\(token)
            API token (Authorization: Bearer …):
            \(token)

            """
    }

    func statusLine() -> String {
        switch phase {
        case .stopping:
            return "Stopping: \(pool.activeRuns) active runs, \(aliveChildren().count) processes left"
        case .running:
            guard let child = gateway else { return "Gateway restarting" }
            guard let listening = child.listening else { return "Gateway starting" }
            return "Serving http://\(listening.host):\(listening.port)/ — workers: \(pool.idlePids.count) idle, "
                + "\(pool.busyPids.count) busy; runs: \(pool.activeRuns) active"
        }
    }

    private mutating func updateStatus() {
        let line = statusLine()
        guard line != lastStatusLine else { return }
        lastStatusLine = line
        effects.append(.notify("STATUS=\(line)"))
    }

    // MARK: Stopping

    private mutating func beginStop(exitCode code: Int32) {
        guard phase == .running else { return }
        phase = .stopping(exitCode: code)
        effects.append(.notify("STOPPING=1"))
        let deadline = Duration.milliseconds(Int64(configuration.drainSeconds * 1000))
        if let child = gateway, let pid = child.pid {
            if let link = child.link {
                effects.append(.send(link, .drain(Drain(deadlineMs: Int(deadline.milliseconds)))))
            } else {
                effects.append(.signal(pid: pid, SIGTERM))
            }
        }
        // Workers with a run finish under the gateway's drain; the others have nothing to lose.
        let busy = Set(pool.busyPids)
        for pid in workers.keys where !busy.contains(pid) { effects.append(.signal(pid: pid, SIGTERM)) }
        effects.append(.after(deadline + .milliseconds(500), .drainDeadline))
    }

    private mutating func finishIfStopped() {
        guard case .stopping(let code) = phase, exitCode == nil, gateway == nil || gateway?.pid == nil, workers.isEmpty,
              workersSpawning.values.allSatisfy({ $0 == 0 }) else { return }
        logger.info("all children exited", metadata: ["exit.code": "\(code)"])
        exitCode = code
    }
}

extension Duration {
    var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}

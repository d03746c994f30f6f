#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging

/// The supervisor's state and its reaction to each event. Synchronous and single-threaded:
/// `Supervisor.run` feeds it events one at a time and carries out the effects it asks for.
final class SupervisorCore {
    struct GatewayChild {
        let pid: Int32
        let generation: Int
        let spawnedAt: Duration
        var link: IPCConnection?
        var listening: GatewayListening?
        var lastPong: Duration
    }

    struct WorkerChild {
        let spawnedAt: Duration
        var connected = false
    }

    enum Phase: Equatable {
        case running
        case stopping(exitCode: Int32)
    }

    private(set) var configuration: SupervisorConfiguration
    let spawner: any ProcessSpawner
    let notifier: any SystemdNotifier
    let logger: Logger
    let now: () -> Duration
    let watchdogInterval: Duration?

    private(set) var phase = Phase.running
    private(set) var gateway: GatewayChild?
    private(set) var workers: [Int32: WorkerChild] = [:]
    private var pool = PoolStatus()
    private var gatewayCrashes = CrashHistory()
    private var workerBootFailures = CrashHistory()
    private var workerSpawnHold = false
    private(set) var stats = SupervisorStats()
    private(set) var readySent = false
    private var lastStatusLine = ""
    private var nextPingID: UInt64 = 0
    private var generation = 0
    private var firstStart = true

    var effects: [SupervisorEffect] = []
    private(set) var exitCode: Int32?

    init(
        configuration: SupervisorConfiguration, spawner: any ProcessSpawner, notifier: any SystemdNotifier,
        logger: Logger, now: @escaping () -> Duration
    ) {
        self.configuration = configuration
        self.spawner = spawner
        self.notifier = notifier
        self.logger = logger
        self.now = now
        self.watchdogInterval = notifier.watchdogMicroseconds.map { .microseconds(Int64($0)) }
    }

    /// How often the gateway is probed: a quarter of the watchdog interval, so that
    /// `WATCHDOG=1` goes out at least every half interval even with one lost probe.
    var probeInterval: Duration {
        guard let watchdogInterval else { return configuration.probeInterval }
        return min(configuration.probeInterval, watchdogInterval / 4)
    }

    // MARK: Events

    func start() {
        if let watchdogInterval {
            logger.info("systemd watchdog enabled", metadata: ["interval_ms": "\(watchdogInterval.milliseconds)"])
        }
        spawnGateway()
        updateStatus()
    }

    func handle(_ event: SupervisorEvent) {
        switch event {
        case .signal(let signal):
            handleSignal(signal)
        case .gatewayLinked(let generation, let connection):
            guard gateway?.generation == generation else { return }
            gateway?.link = connection
            gateway?.lastPong = now()
        case .gatewayMessage(let generation, let message):
            guard gateway?.generation == generation else { return }
            handleGatewayMessage(message)
        case .gatewayLinkClosed(let generation, let reason):
            guard gateway?.generation == generation else { return }
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
        case .drainDeadline:
            guard case .stopping = phase else { return }
            let alive = aliveChildren()
            if !alive.isEmpty {
                logger.warning("drain deadline passed; killing remaining children", metadata: ["count": "\(alive.count)"])
                alive.forEach { kill($0, SIGKILL) }
            }
        }
        updateStatus()
        finishIfStopped()
    }

    private func handleSignal(_ signal: Int32) {
        switch signal {
        case SIGCHLD:
            for (pid, exit) in reapChildren() { childExited(pid: pid, exit: exit) }
        case SIGTERM, SIGINT:
            if phase == .running {
                logger.info("shutdown requested", metadata: ["signal": "\(signal == SIGTERM ? "SIGTERM" : "SIGINT")"])
                beginStop(exitCode: 0)
            } else {
                logger.warning("second shutdown signal; killing children now")
                aliveChildren().forEach { kill($0, SIGKILL) }
            }
        default:
            logger.info("ignoring signal", metadata: ["signal": "\(signal)"])
        }
    }

    private func handleGatewayMessage(_ message: IPCMessage) {
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
            gateway?.lastPong = now()
            apply(pool: pong.pool)
            if pong.healthy, watchdogInterval != nil { notifier.notify("WATCHDOG=1") }
        default:
            logger.warning("unexpected frame from gateway", metadata: ["type": "\(message.kind.rawValue)"])
        }
    }

    private func apply(pool status: PoolStatus) {
        pool = status
        for pid in status.idlePids + status.busyPids { workers[pid]?.connected = true }
        ensurePool()
        announceReadyIfWarm()
    }

    // MARK: Children

    private func childExited(pid: Int32, exit: ChildExit) {
        var metadata: Logger.Metadata = [:]
        switch exit {
        case .exited(let code): metadata["exit.code"] = "\(code)"
        case .signaled(let signal): metadata["exit.signal"] = "\(signal)"
        }
        if let child = gateway, child.pid == pid {
            gateway = nil
            pool = PoolStatus()
            metadata["gateway.pid"] = "\(pid)"
            guard phase == .running else {
                return logger.info("gateway exited", metadata: metadata)
            }
            let reachedReady = child.listening != nil
            logger.error(reachedReady ? "gateway crashed" : "gateway failed to start", metadata: metadata)
            restartGateway()
        } else if let child = workers.removeValue(forKey: pid) {
            metadata["worker.pid"] = "\(pid)"
            guard phase == .running else {
                return logger.debug("worker exited", metadata: metadata)
            }
            switch ExitClass.classify(role: .worker, exit: exit, reachedReady: child.connected) {
            case .normal:
                logger.debug("worker exited", metadata: metadata)
            case .crash:
                stats.workerCrashes += 1
                stats.workerRestarts += 1
                logger.warning("worker crashed", metadata: metadata)
            case .bootFailure:
                stats.workerCrashes += 1
                logger.error("worker failed to start", metadata: metadata)
                holdWorkerSpawns()
            }
            ensurePool()
        }
    }

    private func restartGateway() {
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

    private func holdWorkerSpawns() {
        switch workerBootFailures.record(at: now(), policy: configuration.workerRestart) {
        case .restart(let delay):
            workerSpawnHold = true
            logger.warning("delaying worker spawns after boot failure", metadata: ["backoff_ms": "\(delay.milliseconds)"])
            effects.append(.after(delay, .workerSpawnsAllowed))
        case .giveUp(let crashes, let period):
            logger.critical("workers keep failing to start; giving up", metadata: [
                "crashes": "\(crashes)", "period_s": "\(period.components.seconds)",
            ])
            beginStop(exitCode: 1)
        }
    }

    private func spawnGateway() {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            logger.error("socketpair failed", metadata: ["errno": "\(errno)"])
            return restartGateway()
        }
        let spec = SpawnSpec(
            executable: configuration.gatewayExecutable,
            arguments: [
                "--host", configuration.host, "--port", "\(configuration.port)",
                "--data-dir", configuration.dataDirectory, "--runtime-dir", configuration.effectiveRuntimeDirectory,
                "--control-fd", "3", "--drain-seconds", "\(configuration.drainSeconds)",
            ] + (configuration.inheritedListenFD != nil ? ["--listen-fd", "4"] : []),
            environment: childEnvironment(),
            passedDescriptors: [pair[1]] + (configuration.inheritedListenFD.map { [$0] } ?? [])
        )
        defer { close(pair[1]) }
        do {
            let pid = try spawner.spawn(spec)
            generation += 1
            gateway = GatewayChild(pid: pid, generation: generation, spawnedAt: now(), lastPong: now())
            effects.append(.startLink(fd: pair[0], generation: generation))
            logger.info("gateway spawned", metadata: ["gateway.pid": "\(pid)"])
        } catch {
            close(pair[0])
            logger.error("cannot spawn gateway", metadata: ["error": "\(error)"])
            restartGateway()
        }
    }

    private func ensurePool() {
        guard phase == .running, gateway?.listening != nil, !workerSpawnHold else { return }
        let idle = Set(pool.idlePids)
        var warm = workers.filter { !$0.value.connected || idle.contains($0.key) }.count
        while warm < configuration.minIdleWorkers, workers.count < configuration.maxWorkers {
            guard spawnWorker() else { return }
            warm += 1
        }
    }

    private func spawnWorker() -> Bool {
        let spec = SpawnSpec(
            executable: configuration.workerExecutable,
            arguments: [
                "--socket", (configuration.effectiveRuntimeDirectory as NSString).appendingPathComponent("worker.sock"),
                "--runs", "\(configuration.runsPerWorker)",
                "--cpu-seconds", "\(configuration.workerCPUSeconds)",
                "--memory-mb", "\(configuration.workerMemoryMB)",
            ],
            environment: childEnvironment()
        )
        do {
            let pid = try spawner.spawn(spec)
            workers[pid] = WorkerChild(spawnedAt: now())
            stats.workersSpawned += 1
            logger.info("worker spawned", metadata: ["worker.pid": "\(pid)"])
            return true
        } catch {
            logger.error("cannot spawn worker", metadata: ["error": "\(error)"])
            holdWorkerSpawns()
            return false
        }
    }

    private func childEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["RESUME_AGENT_SUPERVISOR_PID"] = "\(getpid())"
        // Only the supervisor talks to systemd (NotifyAccess=main).
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"] {
            environment[key] = nil
        }
        return environment
    }

    private func aliveChildren() -> [Int32] {
        (gateway.map { [$0.pid] } ?? []) + Array(workers.keys)
    }

    // MARK: Health, readiness, status

    private func probeGateway() {
        guard phase == .running, let child = gateway else { return }
        if now() - child.lastPong > configuration.heartbeatTimeout {
            logger.error("gateway unresponsive; killing it", metadata: [
                "gateway.pid": "\(child.pid)", "silent_ms": "\((now() - child.lastPong).milliseconds)",
            ])
            kill(child.pid, SIGKILL)
            gateway?.lastPong = now()  // one kill per timeout; the exit arrives via SIGCHLD
            return
        }
        guard let link = child.link else { return }
        nextPingID += 1
        effects.append(.send(link, .ping(Ping(id: nextPingID, stats: stats))))
    }

    private func announceReadyIfWarm() {
        guard !readySent, let listening = gateway?.listening, pool.idlePids.count >= configuration.minIdleWorkers else { return }
        readySent = true
        notifier.notify("READY=1\nSTATUS=\(statusLine())")
        lastStatusLine = statusLine()
        logger.info("ready", metadata: ["url": "http://\(listening.host):\(listening.port)/", "workers.idle": "\(pool.idlePids.count)"])
        announce(url: "http://\(listening.host == "0.0.0.0" ? "127.0.0.1" : listening.host):\(listening.port)/")
    }

    /// The one thing printed on stdout: where to open the app. On first start the link carries
    /// the new token in its fragment (never sent to the server in requests, never logged).
    private func announce(url: String) {
        let text: String
        if let token = configuration.firstRunToken {
            text = """
            Resume Agent is ready. Open this link in your browser (it carries your API token; it is shown only once):
              \(url)#token=\(token)
            API token (Authorization: Bearer …):
            \(token)

            """
        } else {
            text = "Resume Agent is ready at \(url) (create an API token with: resume-agent token create --tenant NAME)\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
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

    private func updateStatus() {
        let line = statusLine()
        guard line != lastStatusLine else { return }
        lastStatusLine = line
        notifier.notify("STATUS=\(line)")
    }

    // MARK: Stopping

    private func beginStop(exitCode code: Int32) {
        guard phase == .running else { return }
        phase = .stopping(exitCode: code)
        notifier.notify("STOPPING=1")
        let deadline = Duration.milliseconds(Int64(configuration.drainSeconds * 1000))
        if let child = gateway {
            if let link = child.link {
                effects.append(.send(link, .drain(Drain(deadlineMs: Int(deadline.milliseconds)))))
            } else {
                kill(child.pid, SIGTERM)
            }
        }
        // Workers with a run finish under the gateway's drain; the others have nothing to lose.
        let busy = Set(pool.busyPids)
        for pid in workers.keys where !busy.contains(pid) { kill(pid, SIGTERM) }
        effects.append(.after(deadline + .milliseconds(500), .drainDeadline))
    }

    private func finishIfStopped() {
        guard case .stopping(let code) = phase, exitCode == nil, gateway == nil, workers.isEmpty else { return }
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

import IPC

/// Everything the supervisor reacts to arrives as one of these, on one stream, handled by
/// one loop: no state is touched from signal handlers, timers or socket readers.
enum SupervisorEvent: Sendable {
    case signal(Int32)
    case childExited(pid: Int32, exit: ChildExit)
    case gatewaySpawned(generation: Int, pid: Int32)
    case workerSpawned(pid: Int32, kind: WorkerKind)
    case spawnFailed(ChildRole, reason: String)
    /// `repeats`: the failure will recur on every spawn (the binary is missing or cannot run).
    case workerSpawnFailed(WorkerKind, reason: String, repeats: Bool)
    case gatewayLinked(generation: Int, IPCConnection)
    case gatewayMessage(generation: Int, IPCMessage)
    case gatewayLinkClosed(generation: Int, reason: String?)
    case spawnGatewayDue
    case workerSpawnsAllowed
    case tick
    case drainDeadline
}

/// What the supervisor's core asks the world to do. The core decides, the loop (and only the
/// loop) acts: spawning, signalling, talking to systemd, timers and sockets all happen here,
/// so every decision is a value a unit test can read.
enum SupervisorEffect: Sendable {
    /// Start a gateway with a new control socket pair; the loop answers `gatewaySpawned` (and
    /// starts reading the link) or `spawnFailed`.
    case spawnGateway(generation: Int, SpawnSpec)
    /// Start a worker of a kind; the loop answers `workerSpawned` or `workerSpawnFailed`.
    case spawnWorker(WorkerKind, SpawnSpec)
    /// Remove a reaped worker's scratch directory (a killed worker leaves it behind).
    case removeScratch(pid: Int32)
    case signal(pid: Int32, Int32)
    case notify(String)
    case send(IPCConnection, IPCMessage)
    case after(Duration, SupervisorEvent)
    /// Tell the person where to open the app (stdout).
    case announce(String)
}

import IPC

/// Everything the supervisor reacts to arrives as one of these, on one stream, handled by
/// one loop: no state is touched from signal handlers, timers or socket readers.
enum SupervisorEvent: Sendable {
    case signal(Int32)
    case gatewayLinked(generation: Int, IPCConnection)
    case gatewayMessage(generation: Int, IPCMessage)
    case gatewayLinkClosed(generation: Int, reason: String?)
    case spawnGatewayDue
    case workerSpawnsAllowed
    case tick
    case drainDeadline
}

/// Work the loop hands back to its task group (the core itself stays synchronous).
enum SupervisorEffect: Sendable {
    case after(Duration, SupervisorEvent)
    case startLink(fd: Int32, generation: Int)
    case send(IPCConnection, IPCMessage)
}

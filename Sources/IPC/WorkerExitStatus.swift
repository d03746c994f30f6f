/// How a worker process says why it exited, so the supervisor can tell a boot error that will
/// repeat (halt, so the operator sees it) from a worker that merely lost its gateway (a gateway
/// restart, a storm of kills: never a reason to stop the service). sysexits(3) numbers.
public enum WorkerExitStatus: Int32, Sendable, CaseIterable {
    /// Served its runs, or its gateway asked it to go.
    case served = 0
    /// Injected by a test (`RESUME_AGENT_FAULT=worker-boot-crash`): stands for a broken binary.
    case injectedBootFault = 3
    /// Its arguments were wrong (EX_USAGE): the supervisor's spawn spec is broken.
    case usage = 64
    /// The gateway could not be reached, or its connection closed (EX_UNAVAILABLE): the gateway
    /// is restarting or gone. Transient by nature.
    case gatewayUnavailable = 69
    /// It could not confine itself (EX_OSERR): this kernel or set-up cannot sandbox workers.
    case cannotConfine = 71
    /// It could not make its scratch directory (EX_CANTCREAT).
    case cannotCreateScratch = 73
    /// The gateway refused its hello (EX_PROTOCOL): a version mismatch between the binaries.
    case refusedByGateway = 76

    /// Exits before the hello that the same binary, arguments and machine will repeat.
    public var repeatsAtBoot: Bool {
        switch self {
        case .injectedBootFault, .usage, .cannotConfine, .cannotCreateScratch, .refusedByGateway: true
        case .served, .gatewayUnavailable: false
        }
    }

    /// A shell's "cannot execute" (126) and "not found" (127), should a wrapper script exec us.
    public static let execFailureCodes: Set<Int32> = [126, 127]
}

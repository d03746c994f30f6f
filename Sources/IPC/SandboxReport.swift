/// What confinement a worker put itself in before it said hello (it cannot lie its way out of
/// one: the kernel enforces it, the gateway only reports it, on `/readyz`).
public struct SandboxReport: Codable, Sendable, Equatable {
    /// The Landlock ABI enforced on the worker's files and TCP ports; 0 when the kernel has no
    /// Landlock (the worker then runs without file confinement, and says so).
    public var landlockABI: Int
    /// The seccomp allow-list is loaded (`Seccomp: 2`).
    public var seccomp: Bool
    /// `PR_SET_NO_NEW_PRIVS` is set.
    public var noNewPrivileges: Bool
    /// Effective, permitted and (when it was ours to drop) bounding capability sets are empty.
    public var capabilitiesDropped: Bool

    public init(landlockABI: Int, seccomp: Bool, noNewPrivileges: Bool, capabilitiesDropped: Bool) {
        self.landlockABI = landlockABI
        self.seccomp = seccomp
        self.noNewPrivileges = noNewPrivileges
        self.capabilitiesDropped = capabilitiesDropped
    }

    /// A worker with no confinement at all (a benchmark's `--sandbox off`, or an old worker).
    public static let none = SandboxReport(landlockABI: 0, seccomp: false, noNewPrivileges: false, capabilitiesDropped: false)

    // Frames convert keys to and from snake_case: `landlock_abi` decodes as `landlockAbi`.
    enum CodingKeys: String, CodingKey {
        case landlockABI = "landlockAbi", seccomp, noNewPrivileges, capabilitiesDropped
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import IPC

/// Why a worker could not confine itself. It then exits with an error before its hello (a
/// boot failure the supervisor recognises): an unconfined worker must never take input.
public struct SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let step: String
    public let errno: Int32
    public var description: String { "\(step): \(String(cString: strerror(errno)))" }
}

/// The confinement every worker puts itself in after start-up and before its hello, so before
/// it touches any input:
///
/// - no core dumps, not ptrace-able by its siblings (`PR_SET_DUMPABLE` 0; `RLIMIT_CORE` 0 is
///   set with the other rlimits);
/// - every capability dropped (effective, permitted, inheritable, ambient, and the bounding
///   set when running as root), `PR_SET_NO_NEW_PRIVS`;
/// - Landlock: read-only program files, the system files its kind needs, its own `/proc`
///   entry, read-write only its scratch directory; no TCP bind; no TCP connect at all for a
///   document worker; signals and abstract Unix sockets scoped to itself (ABI ≥ 6). Without
///   Landlock in the kernel it goes on without file confinement and reports it;
/// - seccomp: its kind's allow-list (a document worker cannot even create an `AF_INET` socket);
///   no ptrace, mount, unshare, module loading, execve, fork. A call outside the list is logged
///   with its number and kills the process (SIGSYS).
///
/// Landlock binds only the calling thread and the threads it creates later, so this must run
/// while the process has one thread; it checks.
public struct WorkerSandbox: Sendable {
    let kind: WorkerKind
    let paths: SandboxPaths

    public init(kind: WorkerKind, scratch: String) {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        self.kind = kind
        self.paths = SandboxPaths.forWorker(
            kind: kind, scratch: scratch, executableDirectory: (executable as NSString).deletingLastPathComponent,
            mappedDirectories: SandboxPaths.mappedObjectDirectories(), pid: getpid(), home: ProcessInfo.processInfo.environment["HOME"])
    }

    /// Confines the calling process for good.
    public func apply() throws(SandboxError) -> SandboxReport {
        let threads = Self.threadCount()
        guard threads == 1 else { throw SandboxError(step: "confine a single-threaded process (found \(threads) threads)", errno: EBUSY) }
        _ = ra_set_not_dumpable()
        let dropped = ra_drop_capabilities()
        guard dropped == 0 else { throw SandboxError(step: "drop capabilities", errno: -dropped) }
        guard ra_set_no_new_privs() == 0 else { throw SandboxError(step: "no_new_privs", errno: errno) }
        let abi = try restrictFiles()
        let loaded = ra_seccomp_load(kind == .agent ? Int32(RA_SECCOMP_AGENT) : Int32(RA_SECCOMP_DOCUMENT), getpid())
        guard loaded == 0 else { throw SandboxError(step: "load the seccomp filter", errno: -loaded) }
        return SandboxReport(landlockABI: abi, seccomp: true, noNewPrivileges: true, capabilitiesDropped: true)
    }

    /// The Landlock ABI now enforced (0: the kernel has none; the worker goes on without).
    private func restrictFiles() throws(SandboxError) -> Int {
        let abi = Int(ra_landlock_abi())
        guard abi > 0 else { return 0 }
        let ruleset = ra_landlock_create(Int32(abi), kind == .document ? 1 : 0, 1)
        guard ruleset >= 0 else { throw SandboxError(step: "create the Landlock ruleset", errno: -ruleset) }
        for rule in paths.rules {
            let rc = ra_landlock_allow(ruleset, rule.path, Self.access(rule.access), Int32(abi))
            // A path this system does not have is simply not granted.
            guard rc == 0 || rc == -ENOENT || rc == -ENOTDIR else {
                close(ruleset)
                throw SandboxError(step: "allow \(rule.path)", errno: -rc)
            }
        }
        let enforced = ra_landlock_enforce(ruleset)
        guard enforced == 0 else { throw SandboxError(step: "enforce the Landlock ruleset", errno: -enforced) }
        return abi
    }

    private static func access(_ access: SandboxPaths.Rule.Access) -> Int32 {
        switch access {
        case .readExecute: Int32(RA_FS_READ | RA_FS_EXECUTE)
        case .read: Int32(RA_FS_READ)
        case .readWrite: Int32(RA_FS_READ | RA_FS_WRITE)
        case .device: Int32(RA_FS_READ | RA_FS_DEVICE)
        }
    }

    static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count ?? 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CSystemShims

/// What to start: an executable, its arguments and environment, and descriptors to pass.
public struct SpawnSpec: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    /// Each becomes fd 3, 4, … in the child; every other inherited fd above 2 is closed.
    public var passedDescriptors: [Int32]

    public init(executable: String, arguments: [String], environment: [String: String], passedDescriptors: [Int32] = []) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.passedDescriptors = passedDescriptors
    }
}

public struct SpawnError: Error, Sendable, CustomStringConvertible {
    public let executable: String
    public let errno: Int32
    public var description: String { "cannot spawn \(executable): \(String(cString: strerror(errno)))" }

    /// The next spawn of the same executable will fail the same way (it is missing, not
    /// executable, or not a program); resource shortages (EAGAIN, ENOMEM) pass.
    public var repeats: Bool {
        [ENOENT, EACCES, ENOEXEC, ENOTDIR, ELOOP, ENAMETOOLONG, EPERM, ELIBBAD].contains(errno)
    }
}

/// Where processes come from. Real spawning in production and in tests (tests spawn tiny
/// real children); only failures are injected.
public protocol ProcessSpawner: Sendable {
    func spawn(_ spec: SpawnSpec) throws(SpawnError) -> Int32
}

/// posix_spawn (vfork-fast on glibc): no Foundation `Process`, whose waiting costs ~50 ms
/// per child on Linux; exits are reaped by the supervisor's SIGCHLD handling.
public struct PosixSpawner: ProcessSpawner {
    public init() {}

    public func spawn(_ spec: SpawnSpec) throws(SpawnError) -> Int32 {
        try SpawningThread.shared.run { () throws(SpawnError) -> Int32 in try Self.spawnHere(spec) }.get()
    }

    private static func spawnHere(_ spec: SpawnSpec) throws(SpawnError) -> Int32 {
        let argv = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        let envp = spec.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = spec.passedDescriptors.withUnsafeBufferPointer { fds in
            ra_spawn(&pid, spec.executable, argv, envp, fds.baseAddress, Int32(fds.count))
        }
        guard rc == 0 else { throw SpawnError(executable: spec.executable, errno: rc) }
        return pid
    }
}

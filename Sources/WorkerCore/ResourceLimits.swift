#if canImport(Glibc)
import Glibc
#endif

/// rlimits a worker puts on itself before it reads any untrusted input (PDF, DOCX, HTML,
/// model output), so a hostile file that makes a parser spin or balloon kills only this
/// process. 0 means "leave as inherited" (except ``coreBytes``, where 0 is the point).
public struct ResourceLimits: Sendable, Equatable {
    /// CPU time; the kernel sends SIGXCPU then SIGKILL. The gateway's run timeout is the
    /// primary guard, this one catches a parser stuck in a tight loop.
    public var cpuSeconds: Int
    /// Virtual address space. Generous: the Swift runtime and thread stacks reserve a lot
    /// of address space that is never touched.
    public var addressSpaceMB: Int
    public var openFiles: Int
    /// Largest file the worker may write (its scratch directory is all it can write to). The
    /// worker ignores SIGXFSZ, so a write past it fails instead of killing the process (stderr
    /// redirected to a large log file must not take workers down).
    public var fileSizeMB: Int
    /// Processes and threads of this uid (`RLIMIT_NPROC` counts every task of the user, which
    /// under `DynamicUser=` is the service alone): a bound on a thread bomb. Workers never fork
    /// (seccomp refuses it), so this only limits threads. The kernel exempts root from it.
    public var processes: Int
    /// Core files: always 0, a core of a worker is a file full of someone's resume.
    public let coreBytes = 0

    public init(cpuSeconds: Int = 300, addressSpaceMB: Int = 4096, openFiles: Int = 256, fileSizeMB: Int = 256, processes: Int = 4096) {
        self.cpuSeconds = cpuSeconds
        self.addressSpaceMB = addressSpaceMB
        self.openFiles = openFiles
        self.fileSizeMB = fileSizeMB
        self.processes = processes
    }

    /// Applies the limits to the calling process; returns the names of any that failed.
    @discardableResult
    public func apply() -> [String] {
        var failed: [String] = []
        func set(_ resource: Int32, _ value: Int, _ name: String, zeroMeansZero: Bool = false) {
            guard value > 0 || zeroMeansZero else { return }
            var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
            var current = rlimit()
            if getrlimit(__rlimit_resource_t(UInt32(resource)), &current) == 0, current.rlim_max < limit.rlim_max {
                limit = rlimit(rlim_cur: current.rlim_max, rlim_max: current.rlim_max)
            }
            if setrlimit(__rlimit_resource_t(UInt32(resource)), &limit) != 0 { failed.append(name) }
        }
        set(Int32(RLIMIT_CPU.rawValue), cpuSeconds, "cpu")
        set(Int32(RLIMIT_AS.rawValue), addressSpaceMB * 1024 * 1024, "address_space")
        set(Int32(RLIMIT_NOFILE.rawValue), openFiles, "open_files")
        set(Int32(RLIMIT_FSIZE.rawValue), fileSizeMB * 1024 * 1024, "file_size")
        set(Int32(__RLIMIT_NPROC.rawValue), processes, "processes")  // RLIMIT_NPROC, behind a macro
        set(Int32(RLIMIT_CORE.rawValue), coreBytes, "core", zeroMeansZero: true)
        return failed
    }
}

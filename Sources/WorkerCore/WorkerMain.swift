#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging
import ServiceSupport

/// The start of every worker executable, in two steps because of how Landlock works:
///
/// ```swift
/// let worker = WorkerMain.start(kind: .document)   // synchronous: still one thread
/// await WorkerMain.serve(worker, executor: DocumentWorkerExecutor())
/// ```
///
/// ``start(kind:)`` parses the arguments, sets the rlimits, connects to the gateway and
/// confines the process (``WorkerSandbox``) while it has a single thread — Landlock binds only
/// the calling thread and those it creates later, so it must come before the first `await`
/// hands work to another thread. ``serve(_:executor:)`` then says hello and serves runs.
public enum WorkerMain {
    /// A worker connected and confined, ready to say hello.
    public struct Started: Sendable {
        let kind: WorkerKind
        let options: WorkerOptions
        let socket: IPCSocket
        let sandbox: SandboxReport
        let scratch: String
        let logger: Logger

        /// Whether this worker should load its HTTP transport ahead of its run.
        public var preloadsTransport: Bool { options.preloadTransport }
    }

    public static func start(kind: WorkerKind) -> Started {
        LoggingSetup.bootstrap()
        var logger = Logger(label: "worker")
        logger[metadataKey: "worker.pid"] = "\(getpid())"
        logger[metadataKey: "worker.kind"] = "\(kind.rawValue)"
        let environment = ProcessInfo.processInfo.environment
        let options: WorkerOptions
        do {
            options = try WorkerOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: environment)
        } catch {
            logger.error("invalid worker arguments", metadata: ["error": "\(error)"])
            exit(WorkerExitStatus.usage.rawValue)
        }
        ParentWatch.dieWithParent(expectedParent: options.supervisorPid)
        // SIGINT from a terminal reaches the whole process group; the supervisor decides.
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        // A write past RLIMIT_FSIZE fails instead of killing (stderr may be a big log file).
        signal(SIGXFSZ, SIG_IGN)
        if FaultInjection(environment: environment).contains(.workerBootCrash) {
            logger.error("injected fault: crashing at boot")
            exit(WorkerExitStatus.injectedBootFault.rawValue)
        }
        let failed = options.limits.apply()
        if !failed.isEmpty { logger.warning("could not apply rlimits", metadata: ["limits": "\(failed)"]) }
        let socket: IPCSocket
        do {
            socket = try IPCSocket.connect(unixPath: options.socketPath)
        } catch {
            // Its gateway is restarting or gone: transient, never a boot failure.
            logger.error("cannot reach gateway", metadata: ["socket": "\(options.socketPath)", "error": "\(error)"])
            exit(WorkerExitStatus.gatewayUnavailable.rawValue)
        }
        guard let scratch = ScratchDirectory.create(root: options.scratchRoot, pid: getpid()) else {
            logger.error("cannot create the scratch directory", metadata: ["root": "\(options.scratchRoot)", "error": "\(String(cString: strerror(errno)))"])
            exit(WorkerExitStatus.cannotCreateScratch.rawValue)
        }
        // Libraries that want a temporary file find the one directory they may write.
        setenv("TMPDIR", scratch, 1)
        guard options.sandboxed else {
            logger.warning("running without a sandbox (--sandbox off: benchmarks only)")
            return Started(kind: kind, options: options, socket: socket, sandbox: .none, scratch: scratch, logger: logger)
        }
        let report: SandboxReport
        do {
            report = try WorkerSandbox(kind: kind, scratch: scratch).apply()
        } catch {
            // Exiting with an error before the hello: a boot failure, which the supervisor
            // treats as one that will repeat (it will: this kernel or this set-up cannot confine us).
            logger.critical("cannot confine the worker; refusing to serve", metadata: ["error": "\(error)"])
            ScratchDirectory.remove(scratch)
            exit(WorkerExitStatus.cannotConfine.rawValue)
        }
        if report.landlockABI == 0 {
            // The supervisor logs this once at start-up; here it is only detail.
            logger.debug("no Landlock in this kernel: file access is not confined")
        }
        return Started(kind: kind, options: options, socket: socket, sandbox: report, scratch: scratch, logger: logger)
    }

    /// Serves runs until done, then exits the process. `onReady` runs once the gateway took
    /// the hello (the worker is in the pool).
    public static func serve(_ worker: Started, executor: any RunExecutor, onReady: @escaping @Sendable () -> Void = {}) async -> Never {
        let code = await WorkerProcess(
            options: worker.options, kind: worker.kind, sandbox: worker.sandbox, executor: executor, logger: worker.logger,
            onReady: onReady
        ).run(socket: worker.socket)
        ScratchDirectory.remove(worker.scratch)
        exit(code)
    }
}

/// Faults a test can inject through `RESUME_AGENT_FAULT` (comma-separated). Only failures
/// are faked this way; everything else in tests is real.
public struct FaultInjection: Sendable {
    public enum Fault: String, Sendable {
        case workerBootCrash = "worker-boot-crash"
        case gatewayBootCrash = "gateway-boot-crash"
    }
    let faults: Set<String>
    public init(environment: [String: String]) {
        faults = Set((environment["RESUME_AGENT_FAULT"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
    public func contains(_ fault: Fault) -> Bool { faults.contains(fault.rawValue) }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging
import ServiceSupport

/// Entry point of `resume-agent-worker`.
public enum WorkerMain {
    public static func run() async {
        LoggingSetup.bootstrap()
        var logger = Logger(label: "worker")
        logger[metadataKey: "worker.pid"] = "\(getpid())"
        let environment = ProcessInfo.processInfo.environment
        let options: WorkerOptions
        do {
            options = try WorkerOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: environment)
        } catch {
            logger.error("invalid worker arguments", metadata: ["error": "\(error)"])
            exit(64)
        }
        ParentWatch.dieWithParent(expectedParent: options.supervisorPid)
        // SIGINT from a terminal reaches the whole process group; the supervisor decides.
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        if FaultInjection(environment: environment).contains(.workerBootCrash) {
            logger.error("injected fault: crashing at boot")
            exit(3)
        }
        let failed = options.limits.apply()
        if !failed.isEmpty { logger.warning("could not apply rlimits", metadata: ["limits": "\(failed)"]) }
        let code = await WorkerProcess(options: options, executor: WorkerRunExecutor(), logger: logger).run()
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

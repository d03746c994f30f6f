#if SANDBOX_PROBE
#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import IPC
import Logging

/// The test-only entry point (debug builds only, see `Package.swift`): a worker of `KIND`
/// started with `RESUME_AGENT_SANDBOX_PROBE=<KIND>/<attempt>` (`agent` or `document`) makes
/// that attempt at the start of each run, inside
/// its real sandbox, instead of the run's job, and ends the run with what happened. The
/// end-to-end tests use it to show that each attack is refused (an error the run reports) or
/// kills the worker (SIGSYS, which the gateway reports), never that it succeeds.
///
/// Attempts: `read:PATH`, `list:DIR`, `write:PATH`, `connect:PORT` (TCP to 127.0.0.1),
/// `exec:PATH`, `ptrace:PID`.
public enum SandboxProbe {
    public static let environmentKey = "RESUME_AGENT_SANDBOX_PROBE"

    public enum Attempt: Sendable, Equatable {
        case read(String), list(String), write(String), connect(port: UInt16), exec(String), ptrace(pid: Int32)

        public init?(_ text: String) {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let verb = text[..<colon], argument = String(text[text.index(after: colon)...])
            switch verb {
            case "read": self = .read(argument)
            case "list": self = .list(argument)
            case "write": self = .write(argument)
            case "connect":
                guard let port = UInt16(argument) else { return nil }
                self = .connect(port: port)
            case "exec": self = .exec(argument)
            case "ptrace":
                guard let pid = Int32(argument) else { return nil }
                self = .ptrace(pid: pid)
            default: return nil
            }
        }
    }

    /// The attempt a worker of `kind` was started with, if any.
    static func configured(_ environment: [String: String], kind: WorkerKind) -> Attempt? {
        guard let value = environment[environmentKey], let slash = value.firstIndex(of: "/"),
              WorkerKind(rawValue: String(value[..<slash])) == kind else { return nil }
        return Attempt(String(value[value.index(after: slash)...]))
    }

    /// Makes the attempt. Returns the errno that refused it, or nil when it succeeded (the
    /// sandbox failed). A forbidden system call does not return: the worker dies of SIGSYS.
    static func perform(_ attempt: Attempt) -> Int32? {
        switch attempt {
        case .read(let path):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return errno }
            var byte: UInt8 = 0
            let got = Glibc.read(fd, &byte, 1)
            let error = got < 0 ? errno : nil
            close(fd)
            return error
        case .list(let path):
            guard let directory = opendir(path) else { return errno }
            closedir(directory)
            return nil
        case .write(let path):
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return errno }
            close(fd)
            unlink(path)
            return nil
        case .connect(let port):
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return errno }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            return rc == 0 ? nil : errno
        case .exec(let path):
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup("-c"), strdup("true"), nil]
            let envp: [UnsafeMutablePointer<CChar>?] = [nil]
            execve(path, argv, envp)
            return errno
        case .ptrace(let pid):
            let rc = ra_sandbox_probe_ptrace_attach(pid)
            return rc < 0 ? Int32(-rc) : nil
        }
    }

    /// The run's end after the attempt, logged once: refused, or escaped.
    static func run(_ attempt: Attempt, runId: String, logger: Logger) -> RunEnd {
        logger.warning("sandbox probe: attempting", metadata: ["attempt": "\(attempt)"])
        guard let error = perform(attempt) else {
            logger.critical("sandbox probe: the attempt SUCCEEDED", metadata: ["attempt": "\(attempt)"])
            return RunEnd(runId: runId, outcome: .failed, failure: .init(
                kind: .internal, code: "sandbox_escaped", message: "Sandbox probe \(attempt) succeeded."))
        }
        let reason = String(cString: strerror(error))
        logger.warning("sandbox probe: refused", metadata: ["attempt": "\(attempt)", "errno": "\(error)", "error": "\(reason)"])
        return RunEnd(runId: runId, outcome: .failed, failure: .init(
            kind: .internal, code: "sandbox_refused", message: "Sandbox probe \(attempt) was refused: \(reason)."))
    }
}
#endif

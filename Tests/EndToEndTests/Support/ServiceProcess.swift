#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import Synchronization

/// `resume-agent serve` started for real, in its own process group, with its log captured.
final class ServiceProcess: Sendable {
    let pid: Int32
    let dataDirectory: String
    let notify: NotifySocket?
    private let logLines = LineBuffer()
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts the service on port 0 in a fresh data directory (`dataDirectory`: one named in
    /// advance, inside a fresh temporary directory, when a test must name it before start).
    init(
        label: String, dataDirectory chosen: String? = nil, arguments: [String] = [], environment extra: [String: String] = [:],
        withNotifySocket: Bool = true, configJSON: String? = nil, inheritedListenFD: Int32? = nil
    ) throws {
        let directory = chosen.map { ($0 as NSString).deletingLastPathComponent } ?? TestEnvironment.temporaryDirectory(label)
        dataDirectory = chosen ?? (directory as NSString).appendingPathComponent("data")
        notify = withNotifySocket ? try NotifySocket(directory: directory) : nil
        var environment = ProcessInfo.processInfo.environment
        environment["RESUME_AGENT_BIN_DIR"] = TestEnvironment.binDirectory
        environment["NOTIFY_SOCKET"] = notify?.path
        environment["JOURNAL_STREAM"] = nil
        environment["RESUME_AGENT_LOG_LEVEL"] = "debug"
        for (key, value) in extra { environment[key] = value }
        var args = ["serve", "--port", "0", "--data-dir", dataDirectory] + arguments
        if let configJSON {
            let path = (directory as NSString).appendingPathComponent("config.json")
            try configJSON.write(toFile: path, atomically: true, encoding: .utf8)
            args += ["--config", path]
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw TimeoutError(what: "pipe") }
        _ = ra_set_cloexec(pipeFDs[0])
        _ = ra_set_cloexec(pipeFDs[1])
        var executable = TestEnvironment.executable("resume-agent")
        var passed: [Int32] = []
        if let inheritedListenFD {
            // As systemd does it: the socket is fd 3 and LISTEN_PID names the service's own
            // pid, which only the child knows: a shell sets it and execs (keeping the pid).
            args = ["-c", #"LISTEN_PID=$$ LISTEN_FDS=1 exec "$0" "$@""#, executable] + args
            executable = "/bin/sh"
            passed = [inheritedListenFD]
        }
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = passed.withUnsafeBufferPointer { fds in
            ra_spawn_ex(&child, executable, argv, envp, fds.baseAddress, Int32(fds.count), pipeFDs[1], pipeFDs[1], 1)
        }
        close(pipeFDs[1])
        guard rc == 0 else { throw TimeoutError(what: "spawn \(executable): errno \(rc)") }
        pid = child
        let readFD = pipeFDs[0]
        let logFile = Self.logFile(label: label, pid: child)
        let thread = Thread { [logLines] in
            var pending = Data()
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                let count = read(readFD, &buffer, buffer.count)
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: 0x0a) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    logLines.append(line)
                    logFile?.write(Data((line + "\n").utf8))
                    if ProcessInfo.processInfo.environment["RESUME_AGENT_TEST_ECHO_LOGS"] != nil {
                        FileHandle.standardError.write(Data((line + "\n").utf8))
                    }
                }
            }
            close(readFD)
            try? logFile?.close()
        }
        thread.start()
    }

    var log: [String] { logLines.lines }

    /// With `RESUME_AGENT_TEST_LOG_DIR` set (scripts/test.sh sets it), the service's log is also
    /// kept there, one file per service, so a failed run can be read afterwards.
    private static func logFile(label: String, pid: Int32) -> FileHandle? {
        guard let directory = ProcessInfo.processInfo.environment["RESUME_AGENT_TEST_LOG_DIR"], !directory.isEmpty else { return nil }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(label)-\(pid).log")
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    /// The first-run API token, from the 0600 file the service writes in its data directory
    /// (stdout is not a terminal here, so it is not printed).
    var token: String? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/initial-token", encoding: .utf8) else { return nil }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return token.hasPrefix("ra_") ? token : nil
    }

    /// An HTTP client with the first-start token, once ready.
    func client() async throws -> TestHTTPClient {
        let port = try await waitUntilReady()
        try await eventually("token file", timeout: .seconds(5)) { token != nil }
        return TestHTTPClient(port: port, token: token)
    }

    /// The HTTP port, once the gateway reported it.
    var port: Int? {
        for line in log where line.contains("supervisor: gateway listening") && !line.contains(":0/") {
            if let range = line.range(of: #"url=http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let digits = line[range].split(separator: ":").last?.filter(\.isNumber) ?? ""
                return Int(digits)
            }
        }
        return nil
    }

    func waitUntilReady(timeout: Duration = .seconds(20)) async throws -> Int {
        try await eventually("service ready", timeout: timeout) { log.contains { $0.contains("supervisor: ready") } }
        return try require2(port, "port in log")
    }

    /// Direct children of the supervisor, by role.
    func children(_ role: String) -> [ProcStat] {
        ProcStat.all().filter { $0.parent == pid && $0.state != "Z" && $0.command.contains("resume-agent-\(role)") }
    }

    /// Every process still in the service's process group (the supervisor leads it).
    func processGroupMembers() -> [ProcStat] {
        ProcStat.all().filter { $0.group == pid }
    }

    /// Reaps the supervisor if it exited; returns its wait status.
    func pollExit() -> Int32? {
        exitStatus.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            return status
        }
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await eventually("supervisor exit", timeout: timeout) { pollExit() != nil }
        return pollExit()!
    }

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// Kills the whole group if a test left it running.
    func terminate() {
        if pollExit() == nil {
            kill(-pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
    }

    deinit { terminate() }
}

/// Unwraps or throws a readable error (usable outside a `@Test` body).
func require2<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw TimeoutError(what: what) }
    return value
}

/// Log lines captured from the service's stderr.
final class LineBuffer: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

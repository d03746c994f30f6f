#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import Synchronization

/// A process this driver started: its stdout read line by line on a thread of its own (for
/// the ready line and the port), stderr to a log file; in its own process group when asked, so
/// stopping it takes every descendant along.
final class ChildProcess: Sendable {
    let pid: Int32
    let name: String
    let ownGroup: Bool
    private let lines = Locked<[String]>([])
    private let status = Mutex<Int32?>(nil)

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    init(_ executable: String, _ arguments: [String], environment: [String: String], logFile: String, ownGroup: Bool) throws {
        name = (executable as NSString).lastPathComponent
        self.ownGroup = ownGroup
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw SpawnError(description: "missing executable \(executable) (build it first: bench/load.sh builds everything)")
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw SpawnError(description: "pipe: errno \(errno)") }
        _ = ra_set_cloexec(pipeFDs[0])
        _ = ra_set_cloexec(pipeFDs[1])
        let logFD = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer {
            close(pipeFDs[1])
            if logFD >= 0 { close(logFD) }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = ra_spawn_ex(&child, executable, argv, envp, nil, 0, pipeFDs[1], logFD, ownGroup ? 1 : 0)
        guard rc == 0 else {
            close(pipeFDs[0])
            throw SpawnError(description: "spawn \(executable): errno \(rc)")
        }
        pid = child
        let readFD = pipeFDs[0]
        let thread = Thread { [lines] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(readFD, &buffer, buffer.count)
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    lines.withLock { $0.append(line) }
                }
            }
            close(readFD)
        }
        thread.start()
    }

    var output: [String] { lines.withLock { $0 } }

    /// Polls until a line of stdout satisfies `match` (or the process exits, or time runs out).
    func waitForLine(timeout: Duration, _ match: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = output.first(where: match) { return line }
            if exitStatus != nil { throw SpawnError(description: "\(name) exited (status \(exitStatus!)) before it was ready") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SpawnError(description: "\(name) printed no ready line within \(timeout)")
    }

    /// The wait status once the process exited (reaped here), nil while it runs.
    var exitStatus: Int32? {
        status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            return status
        }
    }

    var isRunning: Bool { exitStatus == nil }

    /// SIGTERM, then SIGKILL (to the whole group if it has one) after `grace`. Returns the
    /// wait status and whether it stopped on its own.
    @discardableResult
    func stop(grace: Duration) async -> (status: Int32?, clean: Bool) {
        guard isRunning else { return (exitStatus, true) }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if let status = exitStatus {
                if ownGroup { kill(-pid, SIGKILL) }  // anything it left behind
                return (status, true)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        kill(ownGroup ? -pid : pid, SIGKILL)
        let killDeadline = ContinuousClock.now + .seconds(10)
        while exitStatus == nil, ContinuousClock.now < killDeadline { try? await Task.sleep(for: .milliseconds(10)) }
        return (exitStatus, false)
    }

    /// Last resort on the way out: SIGKILL without waiting.
    func killNow() {
        if isRunning { kill(ownGroup ? -pid : pid, SIGKILL) }
    }
}

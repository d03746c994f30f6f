#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestScratch

/// Locations and small utilities shared by the end-to-end tests.
enum TestEnvironment {
    /// Where `swift build` put the executables: next to the test bundle, or `RESUME_AGENT_BIN_DIR`.
    static var binDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["RESUME_AGENT_BIN_DIR"] { return directory }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.path
    }

    static func executable(_ name: String) -> String {
        (binDirectory as NSString).appendingPathComponent(name)
    }

    /// A fresh, short temp directory (Unix socket paths must stay under 108 bytes).
    static func temporaryDirectory(_ label: String) -> String { Scratch.directory(label) }
}

struct TimeoutError: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` until it holds or `timeout` passes (never a bare sleep-and-hope).
func eventually(
    _ what: String, timeout: Duration, every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: interval)
    }
    if try await condition() { return }
    throw TimeoutError(what: what)
}

/// A process's state from /proc: parent, process group, state letter.
struct ProcStat {
    let pid: Int32
    let state: Character
    let parent: Int32
    let group: Int32
    let command: String

    static func read(_ pid: Int32) -> ProcStat? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 3, let state = fields[0].first, let parent = Int32(fields[1]), let group = Int32(fields[2]) else {
            return nil
        }
        let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?
            .replacingOccurrences(of: "\0", with: " ") ?? String(stat[stat.index(after: open)..<close])
        return ProcStat(pid: pid, state: state, parent: parent, group: group, command: command)
    }

    static func all() -> [ProcStat] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).compactMap(read)
    }
}

/// Minimal HTTP GET over a real TCP socket to 127.0.0.1 (no URLSession: it pools
/// connections across a gateway restart and retries on its own).
enum HTTP {
    struct Response {
        let status: Int
        let body: String
    }

    static func get(port: Int, path: String, token: String? = nil, timeout: Duration = .seconds(2)) -> Response? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let authorization = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(authorization)Connection: close\r\n\r\n"
        guard request.withCString({ send(fd, $0, strlen($0), 0) }) > 0 else { return nil }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first,
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Response(status: status, body: body)
    }
}

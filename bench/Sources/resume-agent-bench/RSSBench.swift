#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Idle resident memory of the running service's processes, after READY.
enum RSSBench {
    static func run(binDirectory: String) async throws -> [Row] {
        let directory = "/tmp/ra-bench-rss-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        var fds: [Int32] = [-1, -1]
        pipe(&fds)
        let supervisor = spawn("\(binDirectory)/resume-agent", ["serve", "--port", "0", "--data-dir", directory], stdoutFD: fds[1], stderrFD: fds[1])
        close(fds[1])
        defer {
            kill(supervisor, SIGTERM)
            reap(supervisor)
            close(fds[0])
        }
        // Wait for the "ready" log line.
        var log = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !log.contains("supervisor: ready") {
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            log += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        try await Task.sleep(for: .seconds(1))  // let start-up allocations settle
        let children = childrenOf(supervisor)
        let gateway = children.first { $0.1.contains("gateway") }?.0
        let workers = children.filter { $0.1.contains("worker") }.map(\.0)
        var rows = [Row(name: "idle RSS supervisor", value: "\((residentKiB(supervisor) ?? 0) / 1024) MiB")]
        if let gateway { rows.append(Row(name: "idle RSS gateway", value: "\((residentKiB(gateway) ?? 0) / 1024) MiB")) }
        if let worker = workers.first { rows.append(Row(name: "idle RSS worker (each)", value: "\((residentKiB(worker) ?? 0) / 1024) MiB")) }
        let all = [supervisor] + (gateway.map { [$0] } ?? []) + workers
        let total = all.compactMap(residentKiB).reduce(0, +)
        // RSS counts shared library pages once per process; PSS splits them, so the PSS sum
        // is what the service really costs the machine.
        let proportional = all.compactMap(proportionalKiB).reduce(0, +)
        rows.append(Row(name: "idle RSS whole service (\(workers.count) workers)", value: "\(total / 1024) MiB"))
        rows.append(Row(name: "idle PSS whole service (\(workers.count) workers)", value: "\(proportional / 1024) MiB"))
        return rows
    }

    static func childrenOf(_ parent: pid_t) -> [(pid_t, String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.compactMap { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == parent else { return nil }
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return (pid, command)
        }
    }
}

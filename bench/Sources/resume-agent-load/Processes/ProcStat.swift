#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One process as `/proc` shows it: CPU time (its own, and that of the children it reaped),
/// resident memory, state. Read cheaply enough to sample often.
struct ProcStat: Sendable {
    let pid: Int32
    let parent: Int32
    let state: Character
    /// utime + stime, ms.
    let cpuMs: Double
    /// cutime + cstime (children it waited for), ms.
    let reapedChildrenCpuMs: Double
    let rssKiB: Int

    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    static let pageKiB = Int(sysconf(Int32(_SC_PAGESIZE))) / 1024

    static func read(_ pid: Int32) -> ProcStat? {
        guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // Fields after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt
        // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 21, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        func ticks(_ index: Int) -> Double { Double(fields[index]) ?? 0 }
        let perTick = 1000 / ticksPerSecond
        return ProcStat(
            pid: pid, parent: parent, state: state,
            cpuMs: (ticks(11) + ticks(12)) * perTick,
            reapedChildrenCpuMs: (ticks(13) + ticks(14)) * perTick,
            rssKiB: (Int(fields[21]) ?? 0) * pageKiB)
    }

    /// The process's command line, arguments joined by spaces.
    static func commandLine(_ pid: Int32) -> String {
        guard let raw = readSmallFile("/proc/\(pid)/cmdline") else { return "" }
        return raw.replacingOccurrences(of: "\0", with: " ")
    }

    /// Proportional set size (shared pages split among their users), KiB.
    static func pssKiB(_ pid: Int32) -> Int? {
        guard let rollup = readSmallFile("/proc/\(pid)/smaps_rollup") else { return nil }
        for line in rollup.split(separator: "\n") where line.hasPrefix("Pss:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    /// Direct children, from `/proc/PID/task/*/children` (each thread lists the children it
    /// spawned); falls back to scanning every process's parent.
    static func children(of parent: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
        var pids: [Int32] = []
        var readAny = false
        for task in tasks {
            guard let text = readSmallFile("/proc/\(parent)/task/\(task)/children") else { continue }
            readAny = true
            pids += text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        if readAny { return pids }
        let all = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return all.compactMap(Int32.init).filter { read($0)?.parent == parent }
    }

    /// The machine's 1-minute load average (other builds on a shared machine show here).
    static func loadAverage() -> Double {
        Double(readSmallFile("/proc/loadavg")?.split(separator: " ").first ?? "") ?? .nan
    }

    /// CPU time the whole machine spent busy (all cores, every process), ms.
    static func machineBusyMs() -> Double {
        guard let line = readSmallFile("/proc/stat")?.split(separator: "\n").first, line.hasPrefix("cpu ") else { return .nan }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return .nan }
        // user nice system idle iowait irq softirq steal: everything but idle and iowait.
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy * 1000 / ticksPerSecond
    }

    /// This process's own CPU time (user + system), ms.
    static func selfCpuMs() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    /// Reads a /proc file with plain read(2) (Foundation's readers stat first, and /proc files
    /// report size 0).
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation

struct Row {
    let name: String
    let value: String
}

enum Table {
    static func print(_ rows: [Row]) {
        let width = max(10, rows.map(\.name.count).max() ?? 0)
        Swift.print("| " + "benchmark".padding(toLength: width, withPad: " ", startingAt: 0) + " | result |")
        Swift.print("|" + String(repeating: "-", count: width + 2) + "|--------|")
        for row in rows {
            Swift.print("| " + row.name.padding(toLength: width, withPad: " ", startingAt: 0) + " | \(row.value) |")
        }
    }
}

/// Percentiles of a sample, nearest-rank.
struct Samples {
    var values: [Double] = []
    mutating func add(_ value: Double) { values.append(value) }
    func percentile(_ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

func format(_ value: Double, _ unit: String) -> String {
    value >= 100 ? String(format: "%.0f %@", value, unit) : String(format: "%.1f %@", value, unit)
}

extension Duration {
    var microseconds: Double {
        Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12
    }
}

/// posix_spawn with an inherited environment.
func spawn(_ executable: String, _ args: [String], extraEnvironment: [String: String] = [:], stdoutFD: Int32 = -1, stderrFD: Int32 = -1) -> pid_t {
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extraEnvironment { environment[key] = value }
    let argv = ([executable] + args).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = ra_spawn_ex(&pid, executable, argv, envp, nil, 0, stdoutFD, stderrFD, 0)
    precondition(rc == 0, "spawn \(executable) failed: \(rc)")
    return pid
}

func reap(_ pid: pid_t) {
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}

func residentKiB(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

func proportionalKiB(_ pid: pid_t) -> Int? {
    guard let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
    for line in rollup.split(separator: "\n") where line.hasPrefix("Pss:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

func temporarySocketPath(_ name: String) -> String {
    let directory = "/tmp/ra-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return "\(directory)/\(name).sock"
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC

/// What a worker's Landlock ruleset lets it open: program files read-only, the few system
/// files each kind needs, its own `/proc` entry, and its scratch directory. Nothing else,
/// in particular nothing of the data directory (the SQLite file, any session's files): a
/// worker gets its input as an open descriptor and hands its output back over IPC.
struct SandboxPaths: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        enum Access: Sendable, Equatable { case readExecute, read, readWrite, device }
        let path: String
        let access: Access
    }

    let rules: [Rule]

    /// Program files: where executables and shared libraries live, wherever the loader found
    /// ours (the Swift runtime of a debug build sits under the toolchain).
    static let programDirectories = ["/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin"]

    /// Read by every worker: the loader's cache, time zone, user database (libraries look up
    /// the home directory), CPU count and cgroup limits (thread pools size themselves).
    static let common = [
        "/etc/ld.so.cache", "/etc/localtime", "/etc/timezone", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
        "/sys/devices/system/cpu", "/sys/fs/cgroup", "/dev/urandom", "/dev/random",
    ]

    /// Agent workers reach providers and job pages: name resolution and TLS trust.
    static let network = [
        "/etc/resolv.conf", "/etc/hosts", "/etc/gai.conf", "/etc/host.conf", "/etc/services", "/etc/protocols",
        "/etc/ssl", "/etc/ca-certificates", "/etc/pki",
    ]

    /// Document workers render with fontconfig's fonts and caches.
    static func fonts(home: String?) -> [String] {
        ["/etc/fonts", "/var/cache/fontconfig"] + (home.map { ["\($0)/.cache/fontconfig", "\($0)/.fonts", "\($0)/.local/share/fonts"] } ?? [])
    }

    static func forWorker(
        kind: WorkerKind, scratch: String, executableDirectory: String, mappedDirectories: [String], pid: Int32, home: String?
    ) -> SandboxPaths {
        var rules: [Rule] = []
        for path in Self.programDirectories + [executableDirectory] + mappedDirectories {
            rules.append(Rule(path: path, access: .readExecute))
        }
        let extra = kind == .agent ? Self.network : Self.fonts(home: home)
        for path in Self.common + extra + ["/proc/\(pid)"] {
            rules.append(Rule(path: path, access: .read))
        }
        rules.append(Rule(path: "/dev/null", access: .device))
        rules.append(Rule(path: scratch, access: .readWrite))
        var seen = Set<String>()
        return SandboxPaths(rules: rules.filter { seen.insert("\($0.path)|\($0.access)").inserted })
    }

    /// Directories of the shared objects mapped into this process (read before confinement),
    /// outside the standard program directories.
    static func mappedObjectDirectories() -> [String] {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return [] }
        var directories = Set<String>()
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            guard path.contains(".so"), !programDirectories.contains(where: { path.hasPrefix($0 + "/") }) else { continue }
            directories.insert((path as NSString).deletingLastPathComponent)
        }
        return directories.sorted()
    }
}

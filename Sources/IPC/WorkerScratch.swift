#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A worker's private scratch directory, `<root>/resume-agent-worker.<pid>`: the one place its
/// sandbox lets it write. Part of the contract between processes: the worker creates it, and
/// the supervisor removes it when it reaps the worker (a killed worker cannot).
public enum WorkerScratch {
    public static func path(root: String, pid: Int32) -> String {
        (root as NSString).appendingPathComponent("resume-agent-worker.\(pid)")
    }

    /// Removes `pid`'s scratch directory if it is one of ours (a directory owned by our uid).
    public static func remove(root: String, pid: Int32) {
        let path = path(root: root, pid: pid)
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}

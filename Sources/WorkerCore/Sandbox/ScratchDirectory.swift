#if canImport(Glibc)
import Glibc
#endif
import Foundation

import IPC

/// A worker's private scratch directory (``WorkerScratch``): the one place its sandbox lets it
/// write (libraries that want a temporary file get it here). Named after the pid so the
/// supervisor can remove it when it reaps a worker that could not (killed).
public enum ScratchDirectory {
    public static func path(root: String, pid: Int32) -> String {
        WorkerScratch.path(root: root, pid: pid)
    }

    /// Creates it (mode 0700), replacing a stale one a previous process with our pid left.
    /// Returns nil when it cannot be made ours (someone else's directory squats the name).
    static func create(root: String, pid: Int32) -> String? {
        let path = path(root: root, pid: pid)
        if mkdir(path, 0o700) == 0 { return path }
        guard errno == EEXIST else { return nil }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { return nil }
        remove(path)
        return mkdir(path, 0o700) == 0 ? path : nil
    }

    /// Removes it and its content (the worker on its way out; the supervisor after a kill).
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Scratch space for tests. Every directory handed out is removed when the test process exits,
/// so repeated test runs do not pile up data directories, sockets and config files in /tmp
/// (they did: thousands after a day of work). Set `RESUME_AGENT_KEEP_TEST_DIRS=1` to keep them
/// for a post-mortem; the end-to-end services' logs are kept separately (`RESUME_AGENT_TEST_LOG_DIR`).
public enum Scratch {
    private static let made = Mutex<[String]>([])
    private static let cleanupRegistered = Mutex(false)

    /// A fresh directory, created, with a short path (`/tmp/ra-LABEL-xxxxxxxx`): Unix socket
    /// paths inside it must stay under 108 bytes.
    public static func directory(_ label: String) -> String {
        let path = "/tmp/ra-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        register(path)
        return path
    }

    /// A path for one file named `name` in a fresh scratch directory (not created).
    public static func file(_ label: String, named name: String) -> String {
        (directory(label) as NSString).appendingPathComponent(name)
    }

    private static func register(_ path: String) {
        made.withLock { $0.append(path) }
        let first = cleanupRegistered.withLock { registered in
            defer { registered = true }
            return !registered
        }
        if first { atexit { Scratch.removeAll() } }
    }

    private static func removeAll() {
        guard ProcessInfo.processInfo.environment["RESUME_AGENT_KEEP_TEST_DIRS"] != "1" else { return }
        for path in made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

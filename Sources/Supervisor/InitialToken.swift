#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The first-run token's file: created with mode 0600 before anything is written to it, so no
/// other user can read it even for an instant.
enum InitialToken {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
    }

    static func write(_ token: String, to path: String) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
        defer { close(fd) }
        let bytes = Array((token + "\n").utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else { throw WriteError(path: path, errno: errno) }
    }
}

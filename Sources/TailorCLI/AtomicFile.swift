import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see the old content or the new, never a partial one: the
/// bytes go to a temporary file in the same directory, are flushed to disk, and the temporary
/// file is renamed over the target (rename is atomic within one file system).
enum AtomicFile {
    static func save(_ data: Data, to path: String, permissions: mode_t = 0o644) throws(TailorError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw failure(path) }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let writeErrno = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let error = failure(path, errno: ok ? errno : writeErrno)
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ path: String, errno code: Int32 = errno) -> TailorError {
        .writeFailed(path: path, detail: String(cString: strerror(code)))
    }
}

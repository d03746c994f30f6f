#if canImport(Glibc)
import Glibc
#endif
import ServiceSupport

/// Where an uploaded file's bytes go as they stream in: a 0600 staging file, written in large
/// blocks (the multipart parser hands over many small runs — one per CR byte in the data — and
/// a system call for each would dominate), and hashed on the way so nothing reads it back.
/// Used by one request's task only.
final class StagedFileSink {
    let path: String
    private(set) var size = 0
    private let fd: Int32
    private var hasher = SHA256()
    private let block: UnsafeMutableRawBufferPointer
    private var pending = 0
    private var closed = false

    static let blockBytes = 256 * 1024

    /// Creates the staging file; nil when it cannot be created.
    init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.path = path
        block = .allocate(byteCount: Self.blockBytes, alignment: 16)
    }

    deinit {
        block.deallocate()
        if !closed { close(fd) }
    }

    /// Takes `bytes`; false when the disk refused a write.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty else { return true }
        hasher.update(bytes)
        size += bytes.count
        if pending + bytes.count > block.count {
            guard flush() else { return false }
            if bytes.count >= block.count { return writeAll(bytes) }
        }
        UnsafeMutableRawBufferPointer(rebasing: block[pending..<(pending + bytes.count)]).copyMemory(from: bytes)
        pending += bytes.count
        return true
    }

    /// Writes what is left and closes the file; returns the digest, or nil if a write failed.
    func finish() -> String? {
        guard flush() else { return nil }
        closed = true
        guard close(fd) == 0 else { return nil }
        return hasher.finalizeHex()
    }

    /// Closes and removes the staging file.
    func abandon() {
        if !closed {
            closed = true
            close(fd)
        }
        unlink(path)
    }

    private func flush() -> Bool {
        defer { pending = 0 }
        return pending == 0 || writeAll(UnsafeRawBufferPointer(rebasing: block[0..<pending]))
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

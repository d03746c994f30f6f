#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`: records every message the
/// service sends (`READY=1`, `STATUS=…`, `WATCHDOG=1`, `STOPPING=1`) with its arrival time.
final class NotifySocket: Sendable {
    struct Message: Sendable {
        let text: String
        let at: ContinuousClock.Instant
    }

    let path: String
    private let fd: Int32
    private let received = Mutex<[Message]>([])

    init(directory: String) throws {
        path = (directory as NSString).appendingPathComponent("notify.sock")
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            _ = path.withCString { strncpy(raw.baseAddress!.assumingMemoryBound(to: CChar.self), $0, raw.count - 1) }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, rc == 0 else { throw TimeoutError(what: "bind notify socket") }
        var tv = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [self] in self.readLoop() }
        thread.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                let now = ContinuousClock.now
                // One datagram may carry several assignments (`READY=1\nSTATUS=…`).
                received.withLock { list in
                    for line in text.split(separator: "\n") { list.append(Message(text: String(line), at: now)) }
                }
            } else if count < 0, errno == EBADF {
                return
            }
        }
    }

    var messages: [Message] { received.withLock { $0 } }

    /// Waits until a message satisfying `predicate` has arrived (after index `from`).
    @discardableResult
    func wait(for what: String, from: Int = 0, timeout: Duration, _ predicate: (String) -> Bool) async throws -> Int {
        var found: Int?
        try await eventually(what, timeout: timeout) {
            let list = messages
            found = list.indices.dropFirst(from).first { predicate(list[$0].text) }
            return found != nil
        }
        return found!
    }

    deinit { close(fd) }
}

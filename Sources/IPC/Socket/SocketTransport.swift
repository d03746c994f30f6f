#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import NIOCore

/// Why a socket connection failed below the frame level.
public enum IPCTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection is closed (by us, or the peer went away).
    case closed
    /// A frame announced descriptors that did not arrive with it.
    case missingDescriptors(expected: Int, received: Int)
    /// This transport cannot pass descriptors (NIO's channels).
    case descriptorsUnsupported
    /// A system call failed.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .closed: "connection closed"
        case .missingDescriptors(let expected, let received): "frame announced \(expected) descriptors, \(received) arrived"
        case .descriptorsUnsupported: "this connection cannot pass file descriptors"
        case .system(let call, let errno): "\(call): \(String(cString: strerror(errno)))"
        }
    }
}

/// A connected Unix stream socket carrying frames and passed descriptors (`SCM_RIGHTS`, which
/// NIO's channels cannot carry), served by two threads of its own: a reader blocked in
/// `recvmsg` that decodes frames and attaches the descriptors that came with them, and a writer
/// that drains a queue with blocking `sendmsg`. No caller ever blocks on the socket: a peer that
/// stops reading stalls only this connection's writer thread, never a task of ours.
///
/// The reader decodes on its own thread, so frames reach the consumer already parsed.
final class SocketTransport: @unchecked Sendable {  // mutable state is guarded by `condition`
    let fd: CInt
    let inbound: InboundQueue
    private let maximumFrameSize: Int
    private let condition = NSCondition()
    private var outgoing: [(bytes: ByteBuffer, files: [PassedFile])] = []
    private var writing = false
    private var closing = false
    private var broken = false
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    /// Threads still using `fd`; the last one out closes it.
    private var users = 2

    init(fd: CInt, maximumFrameSize: Int) {
        self.fd = fd
        self.maximumFrameSize = maximumFrameSize
        self.inbound = InboundQueue()
    }

    /// Starts the reader and writer threads.
    func start() {
        let reader = Thread { [self] in readLoop() }
        reader.name = "ipc-reader"
        reader.stackSize = 1 << 20
        reader.start()
        let writer = Thread { [self] in writeLoop() }
        writer.name = "ipc-writer"
        writer.stackSize = 256 << 10
        writer.start()
    }

    // MARK: Sending

    /// Sends one frame (and the descriptors to pass with it). When nothing is queued and the
    /// writer is idle, the frame is written right here without blocking; whatever the socket
    /// does not take at once (a peer reading slower than we write) is queued for the writer
    /// thread, which then sends everything pending in one write.
    ///
    /// Writing inline saves a thread wake-up per frame — half of the hand-offs of a round trip
    /// (measured with `bench/run.sh ipc`, worker socket row; issue 13) — and never blocks the
    /// caller: the socket stays blocking for the writer thread, this call uses `MSG_DONTWAIT`.
    func send(_ frame: ByteBuffer, files: [PassedFile] = []) throws(IPCTransportError) {
        condition.lock()
        defer { condition.unlock() }
        guard !closing, !broken else { throw .closed }
        var frame = frame
        // Under the lock, with nothing queued and no write in progress, nothing can overtake
        // this frame, and `fd` cannot be closed (the last thread out closes it under the lock).
        if files.isEmpty, outgoing.isEmpty, !writing, writeWithoutBlocking(&frame) { return }
        outgoing.append((frame, files))
        condition.signal()
    }

    /// Writes as much of `frame` as the socket takes now; true when all of it went. A failure
    /// other than a full buffer is left for the writer thread to meet and report as usual.
    private func writeWithoutBlocking(_ frame: inout ByteBuffer) -> Bool {
        while frame.readableBytes > 0 {
            let sent = frame.withUnsafeReadableBytes { bytes in
                Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                frame.moveReaderIndex(forwardBy: sent)
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Returns once everything queued so far has been written (or can no longer be).
    func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if (outgoing.isEmpty && !writing) || broken {
                condition.unlock()
                continuation.resume()
            } else {
                drainWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    /// Stops both threads: no more sends, the socket shut down (the reader sees the end, a
    /// writer stuck on a peer that stopped reading is released). Frames still queued are lost:
    /// call ``drain()`` first for an orderly close.
    func shutDown() {
        condition.lock()
        closing = true
        condition.broadcast()
        // Under the lock: the last thread out closes `fd` under it too, so this never reaches
        // a descriptor number the process has since reused.
        if users > 0 { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        condition.unlock()
        inbound.consumerFinished()
    }

    private func writeLoop() {
        while true {
            condition.lock()
            while outgoing.isEmpty, !closing { condition.wait() }
            if outgoing.isEmpty {  // closing, nothing left to write
                condition.unlock()
                break
            }
            let batch = outgoing
            outgoing.removeAll(keepingCapacity: true)
            writing = true
            condition.unlock()
            let ok = write(batch)
            condition.lock()
            writing = false
            if !ok { broken = true }
            let waiters = outgoing.isEmpty || broken ? drainWaiters : []
            if !waiters.isEmpty { drainWaiters.removeAll() }
            condition.unlock()
            waiters.forEach { $0.resume() }
            if !ok { break }
        }
        condition.lock()
        broken = true
        let waiters = drainWaiters
        drainWaiters.removeAll()
        condition.unlock()
        waiters.forEach { $0.resume() }
        release()
    }

    /// Writes a batch: frames without descriptors are coalesced into one buffer (one system
    /// call for a burst of events); a frame with descriptors goes in its own `sendmsg`, the
    /// descriptors riding with its first byte.
    private func write(_ batch: [(bytes: ByteBuffer, files: [PassedFile])]) -> Bool {
        var pending = ByteBuffer()
        for item in batch {
            if item.files.isEmpty {
                var bytes = item.bytes
                pending.writeBuffer(&bytes)
                continue
            }
            if pending.readableBytes > 0 {
                guard writeAll(pending, files: []) else { return false }
                pending.clear()
            }
            guard writeAll(item.bytes, files: item.files) else { return false }
        }
        return pending.readableBytes == 0 || writeAll(pending, files: [])
    }

    private func writeAll(_ buffer: ByteBuffer, files: [PassedFile]) -> Bool {
        let descriptors = files.map(\.descriptor)
        return buffer.withUnsafeReadableBytes { bytes -> Bool in
            var offset = 0
            var attach = descriptors
            while offset < bytes.count {
                let sent = attach.withUnsafeBufferPointer { fds in
                    ra_send_with_fds(fd, bytes.baseAddress! + offset, UInt(bytes.count - offset), fds.baseAddress, Int32(fds.count))
                }
                if sent < 0 { return false }
                offset += sent
                attach = []  // the descriptors went with the first byte
            }
            return true
        }
    }

    // MARK: Receiving

    private func readLoop() {
        let codec = MessageCodec()
        var decoder = FrameDecoder(maximumFrameSize: maximumFrameSize)
        var descriptors: [PassedFile] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var received = [CInt](repeating: -1, count: PassedFiles.maximum)
        var failure: (any Error)?
        reading: while true {
            var count: Int32 = 0
            let got = buffer.withUnsafeMutableBytes { bytes in
                received.withUnsafeMutableBufferPointer { fds in
                    ra_recv_with_fds(fd, bytes.baseAddress, UInt(bytes.count), fds.baseAddress, Int32(fds.count), &count)
                }
            }
            descriptors += received.prefix(Int(count)).map { PassedFile(owning: $0) }
            if got < 0 {
                // Our own shutdown (or a reset peer) ends the stream quietly.
                if !isClosing { failure = IPCTransportError.system(call: "recvmsg", errno: Int32(-got)) }
                break
            }
            if got == 0 {
                do { try decoder.finish() } catch { failure = error }
                break
            }
            decoder.append(contentsOf: buffer.prefix(got))
            do {
                while let frame = try decoder.nextFrame() {
                    var message = try codec.decode(frame)
                    let expected = message.passedFiles.count
                    if expected > 0 {
                        guard descriptors.count >= expected else {
                            throw IPCTransportError.missingDescriptors(expected: expected, received: descriptors.count)
                        }
                        message = message.attaching(Array(descriptors.prefix(expected)))
                        descriptors.removeFirst(expected)
                    }
                    guard inbound.push(message) else { break reading }
                }
            } catch {
                failure = error
                break
            }
        }
        inbound.finish(failure)
        // A peer that stopped making sense is cut off; the writer stops too.
        shutDown()
        release()
    }

    private var isClosing: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closing
    }

    private func release() {
        condition.lock()
        users -= 1
        if users == 0 { close(fd) }
        condition.unlock()
    }
}

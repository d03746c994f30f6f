#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation

/// A connected Unix stream socket not yet serving frames: a worker connects to the gateway
/// before it confines itself, then serves the connection (``IPCChannel/run(socket:maximumFrameSize:_:)``).
public struct IPCSocket: Sendable {
    public let descriptor: CInt

    public init(descriptor: CInt) {
        self.descriptor = descriptor
    }

    /// Connects to the Unix socket at `path` (blocking; the socket stays blocking: its own
    /// threads serve it).
    public static func connect(unixPath path: String) throws(IPCTransportError) -> IPCSocket {
        let fd = ra_unix_connect(path)
        guard fd >= 0 else { throw .system(call: "connect \(path)", errno: -fd) }
        return IPCSocket(descriptor: fd)
    }

    /// The pid of the process at the other end (`SO_PEERCRED`): the kernel's word, not the peer's.
    public var peerPid: Int32? {
        let pid = ra_peer_pid(descriptor)
        return pid > 0 ? pid : nil
    }
}

/// A listening Unix socket whose connections can carry descriptors. An accept thread of its
/// own hands over each connection; ``close()`` ends it.
public final class IPCSocketListener: Sendable {
    let descriptor: CInt
    public let path: String

    /// Binds `path` (replacing a stale socket file), mode 0600: only our own uid may connect.
    public init(unixPath path: String, backlog: Int32 = 256) throws(IPCTransportError) {
        let fd = ra_unix_listen(path, backlog)
        guard fd >= 0 else { throw .system(call: "listen \(path)", errno: -fd) }
        self.descriptor = fd
        self.path = path
    }

    /// Accepted connections, in order, until ``close()``. Call once.
    public func connections() -> AsyncStream<IPCSocket> {
        let (stream, sink) = AsyncStream<IPCSocket>.makeStream()
        let fd = descriptor
        let thread = Thread {
            while true {
                let accepted = ra_unix_accept(fd)
                guard accepted >= 0 else { break }  // shut down
                if case .terminated = sink.yield(IPCSocket(descriptor: accepted)) {
                    Glibc.close(accepted)
                    break
                }
            }
            sink.finish()
            Glibc.close(fd)
        }
        thread.name = "ipc-accept"
        thread.stackSize = 256 << 10
        thread.start()
        return stream
    }

    /// Stops accepting (the accept thread closes the socket on its way out).
    public func close() {
        Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }
}

extension IPCChannel {
    /// Serves `socket` for the length of `body`: frames and passed descriptors both ways. When
    /// `body` returns, what it sent is written out (for at most `drainTimeout`), then the
    /// connection is shut down and its threads end.
    public static func run<Result: Sendable>(
        socket: IPCSocket,
        maximumFrameSize: Int = FrameDecoder.defaultMaximumFrameSize,
        drainTimeout: Duration = .seconds(2),
        _ body: (IPCConnection) async throws -> Result
    ) async throws -> Result {
        let transport = SocketTransport(fd: socket.descriptor, maximumFrameSize: maximumFrameSize)
        transport.start()
        let connection = IPCConnection(
            outbound: .socket(transport),
            codec: MessageCodec(),
            messages: IPCMessageStream(source: .socket(transport.inbound), codec: MessageCodec(), maximumFrameSize: maximumFrameSize)
        )
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            transport.shutDown()
            throw error
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await transport.drain() }
            group.addTask { try? await Task.sleep(for: drainTimeout) }
            await group.next()
            group.cancelAll()
        }
        transport.shutDown()
        return result
    }
}

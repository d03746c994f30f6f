import Logging
import NIOCore
import NIOPosix

/// One end of an IPC connection: `messages` yields decoded messages, `send` writes one.
///
/// Obtained inside `IPCChannel.run`, which closes the connection when the body returns.
/// `send` may be called from several tasks at once (writes are serialised by the channel).
public struct IPCConnection: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let codec: MessageCodec
    public let messages: IPCMessageStream

    /// Sends one message as one frame.
    public func send(_ message: IPCMessage) async throws {
        try await outbound.write(try codec.frame(message))
    }

    /// Sends several messages with one write (fewer syscalls for bursts of events).
    public func send(contentsOf messages: [IPCMessage]) async throws {
        var buffer = ByteBuffer()
        for message in messages {
            var frame = try codec.frame(message)
            buffer.writeBuffer(&frame)
        }
        try await outbound.write(buffer)
    }

    /// Performs the hello exchange as the connecting side: sends our hello and waits for
    /// the ack. Throws `IPCHandshakeError` when refused or when the peer hangs up.
    public func handshake(
        role: ProcessRole,
        pid: Int32,
        maxRuns: Int? = nil,
        iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> HelloAck {
        try await send(.hello(Hello(role: role, pid: pid, maxRuns: maxRuns)))
        guard let reply = try await iterator.next() else { throw IPCHandshakeError.closed }
        guard case .helloAck(let ack) = reply else { throw IPCHandshakeError.unexpected(reply.kind.rawValue) }
        guard ack.accepted else { throw IPCHandshakeError.refused(ack.reason ?? "refused") }
        return ack
    }

    /// Waits for the peer's hello as the accepting side and answers it. A wrong protocol
    /// version is refused with a reason before closing.
    public func acceptHandshake(
        expecting roles: Set<ProcessRole>,
        iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> Hello {
        guard let first = try await iterator.next() else { throw IPCHandshakeError.closed }
        guard case .hello(let hello) = first else {
            try? await send(.helloAck(HelloAck(accepted: false, reason: "expected hello")))
            throw IPCHandshakeError.unexpected(first.kind.rawValue)
        }
        guard hello.protocolVersion == IPCProtocol.version else {
            let reason = "protocol version \(hello.protocolVersion) is not supported (want \(IPCProtocol.version))"
            try? await send(.helloAck(HelloAck(accepted: false, reason: reason)))
            throw IPCHandshakeError.versionMismatch(theirs: hello.protocolVersion, ours: IPCProtocol.version)
        }
        guard roles.contains(hello.role) else {
            try? await send(.helloAck(HelloAck(accepted: false, reason: "role \(hello.role.rawValue) not accepted here")))
            throw IPCHandshakeError.unexpected("hello from \(hello.role.rawValue)")
        }
        try await send(.helloAck(HelloAck(accepted: true)))
        return hello
    }
}

/// Why a hello exchange failed.
public enum IPCHandshakeError: Error, Sendable, Equatable {
    case closed
    case unexpected(String)
    case refused(String)
    case versionMismatch(theirs: Int, ours: Int)
}

/// The decoded message stream of a connection. It can be iterated once (the underlying
/// channel's inbound stream is single-consumer); iterating ends normally when the peer
/// closes cleanly and throws `FrameError` when the stream is malformed.
public struct IPCMessageStream: AsyncSequence, Sendable {
    public typealias Element = IPCMessage
    let inbound: NIOAsyncChannelInboundStream<ByteBuffer>
    let codec: MessageCodec
    let maximumFrameSize: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var decoder: FrameDecoder
        let codec: MessageCodec
        var finished = false

        public mutating func next() async throws -> IPCMessage? {
            while !finished {
                if let frame = try decoder.nextFrame() {
                    return try codec.decode(frame)
                }
                guard let bytes = try await base.next() else {
                    finished = true
                    try decoder.finish()
                    return nil
                }
                decoder.append(bytes)
            }
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: inbound.makeAsyncIterator(), decoder: FrameDecoder(maximumFrameSize: maximumFrameSize), codec: codec)
    }
}

/// Opens IPC connections over Unix-domain sockets.
public enum IPCChannel {
    public typealias Raw = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    /// Connects to a listening Unix socket.
    public static func connect(
        unixPath: String,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Raw {
        try await ClientBootstrap(group: group).connect(unixDomainSocketPath: unixPath) { channel in
            channel.eventLoop.makeCompletedFuture { try Raw(wrappingChannelSynchronously: channel) }
        }
    }

    /// Adopts an already connected socket, e.g. one end of a socketpair inherited as fd 3.
    public static func adopt(
        socket fd: CInt,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Raw {
        try await ClientBootstrap(group: group).withConnectedSocket(fd) { channel in
            channel.eventLoop.makeCompletedFuture { try Raw(wrappingChannelSynchronously: channel) }
        }
    }

    /// Runs `body` with a connection over `channel`, closing the channel when it returns.
    ///
    /// What `body` sent is written out before the close: a write returns once the channel has
    /// taken the frame, not once the socket has, and closing drops what the socket has not yet
    /// taken — a worker's last `run_end` larger than the socket buffer would arrive cut off.
    public static func run<Result: Sendable>(
        _ channel: Raw,
        maximumFrameSize: Int = FrameDecoder.defaultMaximumFrameSize,
        _ body: (IPCConnection) async throws -> Result
    ) async throws -> Result {
        try await channel.executeThenClose { inbound, outbound in
            let codec = MessageCodec()
            let connection = IPCConnection(
                outbound: outbound,
                codec: codec,
                messages: IPCMessageStream(inbound: inbound, codec: codec, maximumFrameSize: maximumFrameSize)
            )
            let result = try await body(connection)
            // Queued behind every earlier write, so it completes once they are all written. A
            // peer that went away fails it: nothing is left to deliver then.
            try? await channel.channel.writeAndFlush(ByteBuffer()).get()
            return result
        }
    }
}

/// A listening Unix socket whose accepted connections are IPC connections.
public enum IPCListener {
    public typealias Raw = NIOAsyncChannel<IPCChannel.Raw, Never>

    /// Binds `unixPath`, replacing a stale socket file left by a previous process.
    public static func bind(
        unixPath: String,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Raw {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .bind(unixDomainSocketPath: unixPath, cleanupExistingSocketFile: true) { channel in
                channel.eventLoop.makeCompletedFuture { try IPCChannel.Raw(wrappingChannelSynchronously: channel) }
            }
    }
}

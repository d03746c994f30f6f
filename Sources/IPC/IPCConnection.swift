import Logging
import NIOCore
import NIOPosix

/// One end of an IPC connection: `messages` yields decoded messages, `send` writes one.
///
/// Obtained inside `IPCChannel.run`, which closes the connection when the body returns.
/// `send` may be called from several tasks at once (writes are serialised by the channel).
public struct IPCConnection: Sendable {
    /// Where frames go: a NIO channel (the supervisor's control link), or a socket of ours
    /// that can also pass descriptors (gateway ⇄ worker).
    enum Outbound: Sendable {
        case nio(NIOAsyncChannelOutboundWriter<ByteBuffer>)
        case socket(SocketTransport)
    }

    let outbound: Outbound
    let codec: MessageCodec
    public let messages: IPCMessageStream

    /// Whether descriptors can travel with frames on this connection.
    public var canPassFiles: Bool {
        if case .socket = outbound { return true }
        return false
    }

    /// Sends one message as one frame, with the descriptors it carries (``IPCMessage/passedFiles``).
    public func send(_ message: IPCMessage) async throws {
        let frame = try codec.frame(message)
        let files = message.passedFiles
        switch outbound {
        case .nio(let writer):
            guard files.isEmpty else { throw IPCTransportError.descriptorsUnsupported }
            try await writer.write(frame)
        case .socket(let transport):
            guard files.isAttached else { throw IPCTransportError.missingDescriptors(expected: files.count, received: files.files.count) }
            try transport.send(frame, files: files.files)
        }
    }

    /// Sends several messages with one write (fewer syscalls for bursts of events).
    public func send(contentsOf messages: [IPCMessage]) async throws {
        guard messages.allSatisfy({ $0.passedFiles.isEmpty }) else {
            for message in messages { try await send(message) }
            return
        }
        var buffer = ByteBuffer()
        for message in messages {
            var frame = try codec.frame(message)
            buffer.writeBuffer(&frame)
        }
        switch outbound {
        case .nio(let writer): try await writer.write(buffer)
        case .socket(let transport): try transport.send(buffer)
        }
    }

    /// Performs the hello exchange as the connecting side: sends our hello and waits for
    /// the ack. Throws `IPCHandshakeError` when refused or when the peer hangs up.
    public func handshake(
        role: ProcessRole,
        pid: Int32,
        maxRuns: Int? = nil,
        kind: WorkerKind? = nil,
        sandbox: SandboxReport? = nil,
        iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> HelloAck {
        try await send(.hello(Hello(role: role, pid: pid, maxRuns: maxRuns, kind: kind, sandbox: sandbox)))
        guard let reply = try await iterator.next() else { throw IPCHandshakeError.closed }
        guard case .helloAck(let ack) = reply else { throw IPCHandshakeError.unexpected(reply.kind.rawValue) }
        guard ack.accepted else { throw IPCHandshakeError.refused(ack.reason ?? "refused") }
        return ack
    }

    /// Reads the peer's first frame as a hello of one of `roles` in our protocol version;
    /// anything else is refused with a reason (the peer logs it) and thrown.
    func receiveHello(expecting roles: Set<ProcessRole>, iterator: inout IPCMessageStream.AsyncIterator) async throws -> Hello {
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
        return hello
    }

    /// Waits for the peer's hello as the accepting side and answers it. A wrong protocol
    /// version is refused with a reason before closing.
    public func acceptHandshake(
        expecting roles: Set<ProcessRole>,
        iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> Hello {
        let hello = try await receiveHello(expecting: roles, iterator: &iterator)
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

    enum Source: Sendable {
        /// Bytes from a NIO channel, decoded here.
        case nio(NIOAsyncChannelInboundStream<ByteBuffer>)
        /// Messages already decoded (with their descriptors) by a socket's reader thread.
        case socket(InboundQueue)
    }

    let source: Source
    let codec: MessageCodec
    let maximumFrameSize: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator?
        let queue: InboundQueue?
        var decoder: FrameDecoder
        let codec: MessageCodec
        var finished = false

        public mutating func next() async throws -> IPCMessage? {
            if let queue { return try await queue.next() }
            while !finished {
                if let frame = try decoder.nextFrame() {
                    return try codec.decode(frame)
                }
                guard let bytes = try await base?.next() else {
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
        switch source {
        case .nio(let inbound):
            AsyncIterator(base: inbound.makeAsyncIterator(), queue: nil, decoder: FrameDecoder(maximumFrameSize: maximumFrameSize), codec: codec)
        case .socket(let queue):
            AsyncIterator(base: nil, queue: queue, decoder: FrameDecoder(maximumFrameSize: maximumFrameSize), codec: codec)
        }
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
                outbound: .nio(outbound),
                codec: codec,
                messages: IPCMessageStream(source: .nio(inbound), codec: codec, maximumFrameSize: maximumFrameSize)
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

import NIOCore

/// Splits a byte stream into frames: a `UInt32` big-endian payload length, then the payload.
///
/// A small state machine in the manner of NIOExtras' `LengthFieldBasedFrameDecoder`: the
/// announced length is checked against `maximumFrameSize` as soon as the header is complete,
/// before any payload is buffered.
public struct FrameDecoder: Sendable {
    /// Default largest payload accepted (8 MiB): big enough for a resume and its workspace
    /// view, small enough that a hostile peer cannot make the gateway allocate much.
    public static let defaultMaximumFrameSize = 8 * 1024 * 1024
    static let headerSize = 4

    enum State: Sendable, Equatable {
        case waitingForHeader
        case waitingForFrame(length: Int)
    }

    public let maximumFrameSize: Int
    private(set) var state: State = .waitingForHeader
    private var buffer: ByteBuffer

    public init(maximumFrameSize: Int = FrameDecoder.defaultMaximumFrameSize) {
        self.maximumFrameSize = maximumFrameSize
        self.buffer = ByteBufferAllocator().buffer(capacity: 0)
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// Appends raw bytes (tests and non-NIO callers).
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        buffer.writeBytes(bytes)
    }

    /// Returns the next complete payload, `nil` if more bytes are needed.
    public mutating func nextFrame() throws(FrameError) -> ByteBuffer? {
        if case .waitingForHeader = state {
            guard let length = buffer.readInteger(endianness: .big, as: UInt32.self) else { return nil }
            guard length <= maximumFrameSize else {
                throw .frameTooLarge(length: Int(length), maximum: maximumFrameSize)
            }
            state = .waitingForFrame(length: Int(length))
        }
        guard case .waitingForFrame(let length) = state,
              let frame = buffer.readSlice(length: length) else { return nil }
        state = .waitingForHeader
        // Give back consumed bytes now and then so a long-lived connection does not grow.
        if buffer.readerIndex > 64 * 1024 { buffer.discardReadBytes() }
        return frame
    }

    /// Call when the peer closed: leftover bytes mean the last frame was cut short.
    public func finish() throws(FrameError) {
        switch state {
        case .waitingForHeader:
            if buffer.readableBytes > 0 {
                throw .truncatedFrame(expected: Self.headerSize, received: buffer.readableBytes)
            }
        case .waitingForFrame(let length):
            throw .truncatedFrame(expected: length, received: buffer.readableBytes)
        }
    }
}

import NIOCore

/// Prepends the 4-byte big-endian length to a payload (the counterpart of `FrameDecoder`).
public enum FrameEncoder {
    /// Writes one frame holding `payload` into a new buffer.
    public static func frame(_ payload: some Collection<UInt8>, allocator: ByteBufferAllocator = .init()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: FrameDecoder.headerSize + payload.count)
        buffer.writeInteger(UInt32(payload.count), endianness: .big)
        buffer.writeBytes(payload)
        return buffer
    }
}

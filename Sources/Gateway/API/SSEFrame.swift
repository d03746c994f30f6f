import NIOCore
import Store

/// One event as a Server-Sent Events frame, written straight into a byte buffer: the envelope
/// is assembled from the stored payload JSON without re-parsing or re-encoding it, and without
/// an intermediate string.
///
/// ```
/// id: <event_id>
/// event: <type>
/// data: {"event_id":…,"run_id":…,"session_id":…,"type":…,"ts":…,"seq":…,"payload":{…}}
///
/// ```
enum SSEFrame {
    static func write(_ event: EventRecord, into buffer: inout ByteBuffer) {
        let type = event.type.rawValue
        buffer.writeStaticString("id: ")
        buffer.writeString(event.id)
        buffer.writeStaticString("\nevent: ")
        buffer.writeString(type)
        buffer.writeStaticString("\ndata: {\"event_id\":\"")
        buffer.writeString(event.id)
        buffer.writeStaticString("\",\"run_id\":\"")
        buffer.writeString(event.runId)
        buffer.writeStaticString("\",\"session_id\":\"")
        buffer.writeString(event.sessionId)
        buffer.writeStaticString("\",\"type\":\"")
        buffer.writeString(type)
        buffer.writeStaticString("\",\"ts\":\"")
        buffer.writeString(event.ts)
        buffer.writeStaticString("\",\"seq\":")
        writeDecimal(event.seq, into: &buffer)
        buffer.writeStaticString(",\"payload\":")
        buffer.writeString(event.payload)
        buffer.writeStaticString("}\n\n")
    }

    /// Every event of `events`, in order.
    static func frames<Events: Sequence<EventRecord>>(_ events: Events) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        for event in events { write(event, into: &buffer) }
        return buffer
    }

    private static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        guard value > 0 else {
            buffer.writeString(String(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { bytes in
            var value = value
            var start = bytes.count
            while value > 0 {
                start -= 1
                bytes[start] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
    }
}

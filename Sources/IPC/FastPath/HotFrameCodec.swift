import NIOCore

/// Encodes and decodes, by hand, the frames a run sends once per token: `run_event` (every
/// `assistant_delta`) and its acknowledgement `run_event_ack`. Everything else goes through
/// `Codable` in ``MessageCodec``, which calls this first and falls back when it answers nil.
///
/// Same wire as the `Codable` path (length-prefixed JSON, snake_case keys, DESIGN.md): either
/// side reads what the other writes, and an old peer needs nothing new. Measured cost before
/// this (release, issue 13): `JSONDecoder` was 28–33 % of the gateway's CPU while one run
/// streamed, `JSONEncoder` ~43 % of the worker's.
///
/// Decoding reads the payload with `JSONValue.parse` (JSONCore's hand-written parser) and
/// builds the message only when every field is exactly as expected; anything unusual (a
/// missing field, an unknown event kind, a fractional `wseq`) returns nil so that `Codable`
/// produces its usual error. One difference remains, on text our own encoders never write:
/// invalid UTF-8 or a lone `\uD800` inside a string is replaced by U+FFFD here, as everywhere
/// `JSONValue.parse` reads untrusted JSON, where `JSONDecoder` would refuse the frame.
enum HotFrameCodec {
    // MARK: Encoding

    /// The whole frame (length header and payload) for a hot message, nil for any other
    /// message or one this writer cannot express (a non-finite number in a payload).
    static func frame(_ message: IPCMessage, allocator: ByteBufferAllocator) -> ByteBuffer? {
        switch message {
        case .runEvent(let event):
            var buffer = allocator.buffer(capacity: FrameDecoder.headerSize + 96 + estimate(event.payload))
            buffer.moveWriterIndex(forwardBy: FrameDecoder.headerSize)
            buffer.writeStaticString(#"{"type":"run_event","run_id":"#)
            JSONByteWriter.writeString(event.runId, into: &buffer)
            buffer.writeStaticString(#","kind":"#)
            JSONByteWriter.writeString(event.kind.rawValue, into: &buffer)
            buffer.writeStaticString(#","payload":"#)
            guard JSONByteWriter.write(event.payload, into: &buffer) else { return nil }
            if let wseq = event.wseq {
                buffer.writeStaticString(#","wseq":"#)
                JSONByteWriter.writeInteger(Int64(wseq), into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "}"))
            return sealed(buffer)
        case .runEventAck(let ack) where ack.ended == nil:  // a run's end acknowledged: rare, Codable
            var buffer = allocator.buffer(capacity: FrameDecoder.headerSize + 64 + ack.runId.utf8.count)
            buffer.moveWriterIndex(forwardBy: FrameDecoder.headerSize)
            buffer.writeStaticString(#"{"type":"run_event_ack","run_id":"#)
            JSONByteWriter.writeString(ack.runId, into: &buffer)
            buffer.writeStaticString(#","wseq":"#)
            JSONByteWriter.writeInteger(Int64(ack.wseq), into: &buffer)
            buffer.writeInteger(UInt8(ascii: "}"))
            return sealed(buffer)
        default:
            return nil
        }
    }

    /// Fills in the length header reserved at the front.
    private static func sealed(_ buffer: ByteBuffer) -> ByteBuffer {
        var buffer = buffer
        buffer.setInteger(UInt32(buffer.readableBytes - FrameDecoder.headerSize), at: buffer.readerIndex, endianness: .big)
        return buffer
    }

    /// A capacity guess that avoids regrowing the buffer for the usual small payload.
    private static func estimate(_ payload: JSONValue) -> Int {
        if case .object(let members) = payload, members.count == 1, case .string(let text)? = members.first?.value {
            return text.utf8.count + 16
        }
        return 256
    }

    // MARK: Decoding

    /// What every hot frame this writer produces starts with. Other frames skip the fast path
    /// at the cost of one comparison — including hot frames written by `JSONEncoder` (an older
    /// peer), whose key order is not fixed: `Codable` reads those, as before.
    private static let prefix = Array(#"{"type":"run_event"#.utf8)

    /// The message in `payload` when it is a well-formed hot frame as this writer writes it,
    /// nil otherwise (the caller then decodes it with `Codable`, which also reports what is
    /// wrong with it).
    static func decode(_ payload: ByteBuffer) -> IPCMessage? {
        guard payload.readableBytesView.starts(with: prefix) else { return nil }
        return decodeAnyOrder(payload)
    }

    /// The reading itself, for a hot frame with its keys in any order.
    static func decodeAnyOrder(_ payload: ByteBuffer) -> IPCMessage? {
        guard let value = try? JSONValue.parse(bytes: payload.readableBytesView),
              case .object(let members) = value, case .string(let type)? = members["type"],
              case .string(let runId)? = members["run_id"] else { return nil }
        switch type {
        case "run_event":
            guard case .string(let name)? = members["kind"], let kind = EventType(rawValue: name),
                  let payload = members["payload"], case .some(let wseq) = optionalInteger(members["wseq"]) else { return nil }
            return .runEvent(RunEvent(runId: runId, kind: kind, payload: payload, wseq: wseq))
        case "run_event_ack":
            guard members["ended"] == nil, case .some(.some(let wseq)) = optionalInteger(members["wseq"]) else { return nil }
            return .runEventAck(RunEventAck(runId: runId, wseq: wseq))
        default:
            return nil
        }
    }

    /// `.some(nil)` for an absent or null member (an optional field left out), `.some(n)` for
    /// an integral number, nil (not decodable here) for anything else.
    private static func optionalInteger(_ value: JSONValue?) -> Int?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .number(let number)? where number.rounded() == number && abs(number) < 9.0e15: return .some(Int(number))
        default: return nil
        }
    }
}

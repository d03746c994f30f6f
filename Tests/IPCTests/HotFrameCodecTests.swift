import Foundation
import NIOCore
import Testing

@testable import IPC

/// The hand-written path for per-token frames must be indistinguishable from `Codable` on the
/// wire: whatever one side writes, the other reads back as the same message.
@Suite("HotFrameCodec")
struct HotFrameCodecTests {
    let codec = MessageCodec()

    /// Scalars chosen to hit every escaping rule: quotes, backslash, slash, each control
    /// character, DEL, multi-byte and non-BMP scalars, line/paragraph separators, a combining mark.
    static let alphabet: [Unicode.Scalar] = Array("aZ09 _-\"\\/{}[]:,é東\u{1F600}\u{10FFFF}\u{2028}\u{2029}\u{0301}\u{FEFF}\u{7F}".unicodeScalars)
        + (0..<0x20).map { Unicode.Scalar(UInt8($0)) }

    static func randomString(_ generator: inout SplitMix64, maxLength: Int = 24) -> String {
        let length = Int(generator.next() % UInt64(maxLength + 1))
        var text = String.UnicodeScalarView()
        for _ in 0..<length { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return String(text)
    }

    static func randomNumber(_ generator: inout SplitMix64) -> Double {
        switch generator.next() % 6 {
        case 0: Double(Int64(bitPattern: generator.next()) % 1_000_000)
        case 1: Double(Int64(bitPattern: generator.next()) % 9_000_000_000_000_000)
        case 2: Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (generator.next() % 2 == 0 ? 1 : -1)
        case 3: Double(generator.next() % 10_000) / 100
        case 4: 1e-7 * Double(generator.next() % 1000)
        default: 0
        }
    }

    static func randomValue(_ generator: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch generator.next() % (depth > 3 ? 4 : 6) {
        case 0: .null
        case 1: .bool(generator.next() % 2 == 0)
        case 2: .number(randomNumber(&generator))
        case 3: .string(randomString(&generator))
        case 4: .array((0..<Int(generator.next() % 4)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            .object(Dictionary((0..<Int(generator.next() % 4)).map { _ in (randomKey(&generator), randomValue(&generator, depth: depth + 1)) },
                               uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Keys as the contract writes them (snake_case), and some that are not, which `Codable`'s
    /// key conversion must not touch inside a payload either.
    static func randomKey(_ generator: inout SplitMix64) -> String {
        let keys = ["text", "tool_call_id", "approval_id", "camelCase", "URL", "_lead", "a_b_c", ""]
        return generator.next() % 4 == 0 ? randomString(&generator, maxLength: 6) : keys[Int(generator.next() % UInt64(keys.count))]
    }

    static func randomMessage(_ generator: inout SplitMix64) -> IPCMessage {
        let runId = generator.next() % 5 == 0 ? randomString(&generator) : "run_\(generator.next() % 100_000)"
        let wseq: Int? = generator.next() % 3 == 0 ? nil : Int(generator.next() % 10_000_000)
        switch generator.next() % 4 {
        case 0: return .runEventAck(RunEventAck(runId: runId, wseq: Int(generator.next() % 1_000_000)))
        case 1: return .runEvent(RunEvent(runId: runId, kind: .assistantDelta, payload: ["text": .string(randomString(&generator, maxLength: 40))], wseq: wseq))
        default:
            let kind = EventType.allCases[Int(generator.next() % UInt64(EventType.allCases.count))]
            return .runEvent(RunEvent(runId: runId, kind: kind, payload: randomValue(&generator), wseq: wseq))
        }
    }

    static func generated(count: Int, seed: UInt64) -> [IPCMessage] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in randomMessage(&generator) }
    }

    /// Both directions, for thousands of generated frames: the fast writer's bytes read back
    /// through `Codable`, and `Codable`'s bytes through the fast reader, give the same message.
    @Test func agreesWithCodableBothWays() throws {
        let messages = Self.generated(count: 4000, seed: 0x1337)
        // The generator reaches every event kind (so every payload shape is exercised).
        let kinds = Set(messages.compactMap { message -> EventType? in
            if case .runEvent(let event) = message { return event.kind }
            return nil
        })
        #expect(kinds.count == EventType.allCases.count)
        for message in messages {
            let fast = try #require(HotFrameCodec.frame(message, allocator: .init()), "\(message)")
            var frame = fast
            let length = frame.readInteger(endianness: .big, as: UInt32.self)
            #expect(length.map(Int.init) == frame.readableBytes)
            #expect(try codec.decodeWithCodable(frame) == message, "fast → Codable: \(String(buffer: frame))")
            let codable = try codec.codablePayload(message)
            #expect(try codec.decodeWithCodable(ByteBuffer(bytes: codable)) == message, "Codable → Codable: \(String(decoding: codable, as: UTF8.self))")
            #expect(HotFrameCodec.decodeAnyOrder(ByteBuffer(bytes: codable)) == message, "Codable → fast: \(String(decoding: codable, as: UTF8.self))")
            #expect(try codec.decode(ByteBuffer(bytes: codable)) == message)
            #expect(HotFrameCodec.decode(frame) == message)
            #expect(try codec.decode(frame) == message)
        }
    }

    /// The escapes themselves, byte for byte: what RFC 8259 requires escaped is, nothing else is
    /// (so `/` and non-ASCII stay as they are, as with `.withoutEscapingSlashes`).
    @Test func escapesExactlyWhatJSONRequires() throws {
        let text = "q\" b\\ s/ n\n r\r t\t b\u{08} f\u{0C} nul\u{00} us\u{1F} del\u{7F} é \u{1F600}"
        let event = IPCMessage.runEvent(RunEvent(runId: "run_1", kind: .assistantDelta, payload: ["text": .string(text)]))
        let payload = String(decoding: try codec.payload(event), as: UTF8.self)
        #expect(payload == #"{"type":"run_event","run_id":"run_1","kind":"assistant_delta","payload":{"text":"q\" b\\ s/ n\n r\r t\t b\b f\f nul\u0000 us\u001f del"# + "\u{7F} é \u{1F600}\"}}")
        let acked = String(decoding: try codec.payload(.runEventAck(RunEventAck(runId: "run_1", wseq: 42))), as: UTF8.self)
        #expect(acked == #"{"type":"run_event_ack","run_id":"run_1","wseq":42}"#)
    }

    @Test func integersKeepNoFractionAndEdgeNumbersRoundTrip() throws {
        let payload: JSONValue = ["n": [0, -1, 42, 8_999_999_999_999_999, 1e300, -2.5e-300, 0.1, 123.456]]
        let event = IPCMessage.runEvent(RunEvent(runId: "r", kind: .usageUpdated, payload: payload, wseq: 7))
        let text = String(decoding: try codec.payload(event), as: UTF8.self)
        #expect(text.contains(#"[0,-1,42,"#))
        #expect(text.hasSuffix(#","wseq":7}"#))
        #expect(try codec.decodeWithCodable(ByteBuffer(string: text)) == event)
    }

    /// A number JSON cannot carry is refused as before (by `Codable`), not written as garbage.
    @Test func nonFiniteNumbersFallBackToCodableAndFail() {
        let event = IPCMessage.runEvent(RunEvent(runId: "r", kind: .usageUpdated, payload: ["cost": .number(.nan)]))
        #expect(HotFrameCodec.frame(event, allocator: .init()) == nil)
        #expect(throws: (any Error).self) { try codec.frame(event) }
    }

    /// Frames the fast reader declines reach `Codable`, which reports them as it always did.
    @Test(arguments: [
        #"{"type":"run_event","run_id":"r","kind":"not_a_kind","payload":{}}"#,
        #"{"type":"run_event","run_id":"r","kind":"assistant_delta"}"#,
        #"{"type":"run_event","run_id":7,"kind":"assistant_delta","payload":{}}"#,
        #"{"type":"run_event","run_id":"r","kind":"assistant_delta","payload":{},"wseq":1.5}"#,
        #"{"type":"run_event_ack","run_id":"r"}"#,
        #"{"type":"run_event","run_id":"r","kind":"assistant_delta","payload":{"text":"x"}"#,
    ])
    func malformedHotFramesFailLikeCodable(frame: String) {
        #expect(HotFrameCodec.decode(ByteBuffer(string: frame)) == nil)
        #expect(throws: FrameError.self) { try codec.decode(ByteBuffer(string: frame)) }
    }

    /// Optional fields absent or null, extra fields from a newer peer, whitespace: all read.
    @Test func toleratesWhatCodableTolerates() throws {
        let frames = [
            #"{"type":"run_event","run_id":"r","kind":"assistant_delta","payload":{"text":"a"}}"#,
            #"{"type":"run_event","run_id":"r","kind":"assistant_delta","payload":{"text":"a"},"wseq":null}"#,
            #"{"type":"run_event", "run_id" : "r","kind":"assistant_delta","payload":{"text":"a"},"later":[1]}"#,
            #"{"type":"run_event","run_id":"r","kind":"assistant_delta","payload":{"text":"\u0061"}}"#,
        ]
        for frame in frames {
            let fast = HotFrameCodec.decode(ByteBuffer(string: frame))
            #expect(fast == .runEvent(RunEvent(runId: "r", kind: .assistantDelta, payload: ["text": "a"])), "\(frame)")
            #expect(try codec.decodeWithCodable(ByteBuffer(string: frame)) == fast)
        }
    }

    /// A stream of fast frames cut at arbitrary points decodes to the same messages, in order.
    @Test func framesSplitAcrossReadsDecodeInOrder() throws {
        let messages = Self.generated(count: 2000, seed: 0xfeed)
        var stream = ByteBuffer()
        for message in messages {
            var frame = try codec.frame(message)
            stream.writeBuffer(&frame)
        }
        var generator = SplitMix64(seed: 7)
        var decoder = FrameDecoder()
        var decoded: [IPCMessage] = []
        while stream.readableBytes > 0 {
            let cut = min(stream.readableBytes, 1 + Int(generator.next() % 700))
            decoder.append(stream.readSlice(length: cut)!)
            while let frame = try decoder.nextFrame() { decoded.append(try codec.decode(frame)) }
        }
        try decoder.finish()
        #expect(decoded == messages)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import IPC
import Store

/// Turns one run's payloads into numbered, stamped, encoded ``EventRecord``s — cheaply, since a
/// model streaming at full speed makes thousands a second:
///
/// - **ids**: one 96-bit random base drawn once per run (one `getrandom`, not twelve per
///   event); the event numbered `seq` gets `evt_` + the 24 hex digits of base + seq. Ids stay
///   unique (a run's ids are consecutive, and two runs' ranges meet only if their random bases
///   lie within a run's length of each other) and opaque; being able to guess a neighbour's id
///   gives nothing, as `Last-Event-ID` only resolves to an event of the run being read.
/// - **timestamps**: the `YYYY-MM-DDTHH:MM:SS.` part is formatted once per second and reused;
///   the same text as ``Timestamp/now()``.
/// - **payloads**: `assistant_delta` (nearly every event) is written directly; the rest go
///   through ``JSONValue/jsonText`` (no Foundation encoder).
struct RunEventEncoder: Sendable {
    let runId: String
    let sessionId: String
    private let baseHigh: UInt32
    private let baseLow: UInt64
    private var stampSecond = Int.min
    private var stampPrefix: [UInt8] = []

    init(runId: String, sessionId: String) {
        var generator = SystemRandomNumberGenerator()
        self.init(runId: runId, sessionId: sessionId, base: (generator.next(), generator.next()))
    }

    /// With a given id base (tests use it to reach the carry between the base's two words).
    init(runId: String, sessionId: String, base: (high: UInt32, low: UInt64)) {
        self.runId = runId
        self.sessionId = sessionId
        baseHigh = base.high
        baseLow = base.low
    }

    mutating func record(seq: Int, _ payload: EventPayload) -> EventRecord {
        EventRecord(id: id(seq: seq), runId: runId, sessionId: sessionId, seq: seq, type: payload.type, ts: now(), payload: Self.payloadText(payload))
    }

    // MARK: Ids

    func id(seq: Int) -> String {
        let (low, carried) = baseLow.addingReportingOverflow(UInt64(truncatingIfNeeded: seq))
        let high = carried ? baseHigh &+ 1 : baseHigh
        return String(unsafeUninitializedCapacity: 28) { buffer in
            buffer[0] = UInt8(ascii: "e")
            buffer[1] = UInt8(ascii: "v")
            buffer[2] = UInt8(ascii: "t")
            buffer[3] = UInt8(ascii: "_")
            Self.hex(UInt64(high), digits: 8, into: buffer, at: 4)
            Self.hex(low, digits: 16, into: buffer, at: 12)
            return 28
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hex(_ value: UInt64, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var value = value
        for index in stride(from: start + digits - 1, through: start, by: -1) {
            buffer[index] = hexDigits[Int(value & 0xf)]
            value >>= 4
        }
    }

    // MARK: Timestamps

    /// Now, as ``Timestamp/now()`` writes it (`2026-02-14T12:00:00.123Z`).
    mutating func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return stamp(seconds: time.tv_sec, milliseconds: Int(time.tv_nsec / 1_000_000))
    }

    mutating func stamp(seconds: Int, milliseconds: Int) -> String {
        if seconds != stampSecond {
            stampSecond = seconds
            stampPrefix = Array(Timestamp.format(seconds: seconds, milliseconds: 0).utf8.prefix(20))
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            for index in 0..<20 { buffer[index] = stampPrefix[index] }
            buffer[20] = UInt8(ascii: "0") + UInt8(milliseconds / 100)
            buffer[21] = UInt8(ascii: "0") + UInt8(milliseconds / 10 % 10)
            buffer[22] = UInt8(ascii: "0") + UInt8(milliseconds % 10)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    // MARK: Payloads

    static func payloadText(_ payload: EventPayload) -> String {
        guard case .assistantDelta(let text) = payload else { return payload.json.jsonText }
        var output = "{\"text\":"
        output.reserveCapacity(text.utf8.count + 12)
        appendJSONString(text, to: &output)
        output += "}"
        return output
    }

    /// `text` as a JSON string literal: `"`, `\` and control characters escaped, everything
    /// else (`/` and non-ASCII included) as is — the same text ``JSONValue/jsonText`` writes.
    /// Text with nothing to escape (the common case) is appended in one piece.
    static func appendJSONString(_ text: String, to output: inout String) {
        output += "\""
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            output += text
        } else {
            var plainStart = text.utf8.startIndex
            for index in text.utf8.indices {
                let byte = text.utf8[index]
                let escape: String
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0..<0x20: escape = "\\u00" + String(UnicodeScalar(hexDigits[Int(byte >> 4)])) + String(UnicodeScalar(hexDigits[Int(byte & 0xf)]))
                default: continue
                }
                output += text[plainStart..<index]
                output += escape
                plainStart = text.utf8.index(after: index)
            }
            output += text[plainStart...]
        }
        output += "\""
    }
}

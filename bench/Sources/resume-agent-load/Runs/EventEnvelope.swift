#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The contract's event envelope, with the payload fields the driver acts on (everything else
/// is skipped by the decoder).
struct EventEnvelope: Decodable, Sendable {
    struct Payload: Decodable, Sendable {
        struct ErrorBody: Decodable, Sendable {
            var code: String?
            var message: String?
        }

        var toolCallId: String?
        var tool: String?
        var requiresApproval: Bool?
        var approvalId: String?
        var ok: Bool?
        var reason: String?
        var error: ErrorBody?
        /// `file_changed`: which file the service wrote.
        var path: String?

        enum CodingKeys: String, CodingKey {
            case toolCallId = "tool_call_id"
            case tool
            case requiresApproval = "requires_approval"
            case approvalId = "approval_id"
            case ok, reason, error, path
        }
    }

    var eventId: String
    var runId: String
    var sessionId: String
    var type: String
    var ts: String?
    var seq: Int
    var payload: Payload?

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case runId = "run_id"
        case sessionId = "session_id"
        case type, ts, seq, payload
    }

    static let terminalTypes: Set<String> = ["run_completed", "run_failed", "run_interrupted"]
    var isTerminal: Bool { Self.terminalTypes.contains(type) }

    /// `ts` as seconds since the epoch (RFC 3339 UTC with optional fractional seconds).
    var timestamp: Double? {
        guard let ts, ts.count >= 20 else { return nil }
        var parts = tm()
        let chars = Array(ts.utf8)
        func number(_ from: Int, _ count: Int) -> Int32 {
            var value: Int32 = 0
            for index in from..<(from + count) { value = value * 10 + Int32(chars[index] &- 48) }
            return value
        }
        parts.tm_year = number(0, 4) - 1900
        parts.tm_mon = number(5, 2) - 1
        parts.tm_mday = number(8, 2)
        parts.tm_hour = number(11, 2)
        parts.tm_min = number(14, 2)
        parts.tm_sec = number(17, 2)
        var seconds = Double(timegm(&parts))
        if chars.count > 20, chars[19] == UInt8(ascii: ".") {
            var scale = 0.1
            var index = 20
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                seconds += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        return seconds
    }

    static func decode(_ data: [UInt8]) -> EventEnvelope? {
        try? JSONDecoder().decode(EventEnvelope.self, from: Data(data))
    }
}

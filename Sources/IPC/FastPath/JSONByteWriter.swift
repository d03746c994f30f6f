import NIOCore

/// Compact JSON written straight into a `ByteBuffer`, for the frames sent once per token.
///
/// Hand-written because `JSONEncoder` was most of a worker's CPU while it streamed (~43 % in
/// `IPCConnection.send`, issue 13): it builds a boxed tree per frame and converts every key to
/// snake_case. This writes the same JSON the decoder reads: strings escaped as RFC 8259 requires
/// (`"`, `\`, the control characters; everything else as its UTF-8, which a Swift `String`
/// always holds valid, so no invalid UTF-8 or lone surrogate can come out), `/` unescaped like
/// the codec's `.withoutEscapingSlashes`, integral numbers without a fraction.
enum JSONByteWriter {
    /// Writes `value`; false (with a partly written buffer) when it holds a number JSON cannot
    /// carry (NaN, ±infinity): the caller falls back to `JSONEncoder`, which refuses those.
    static func write(_ value: JSONValue, into buffer: inout ByteBuffer) -> Bool {
        switch value {
        case .null: buffer.writeStaticString("null")
        case .bool(let flag): buffer.writeStaticString(flag ? "true" : "false")
        case .number(let number):
            guard number.isFinite else { return false }
            writeNumber(number, into: &buffer)
        case .string(let text): writeString(text, into: &buffer)
        case .array(let elements):
            buffer.writeInteger(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                guard write(element, into: &buffer) else { return false }
            }
            buffer.writeInteger(UInt8(ascii: "]"))
        case .object(let members):
            buffer.writeInteger(UInt8(ascii: "{"))
            // Sorted so a value always gives the same bytes (as `JSONValue.jsonText` does);
            // a one-member object, the common case (`{"text":…}`), skips the sort.
            let keys = members.count > 1 ? members.keys.sorted() : Array(members.keys)
            for (index, key) in keys.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                writeString(key, into: &buffer)
                buffer.writeInteger(UInt8(ascii: ":"))
                guard write(members[key]!, into: &buffer) else { return false }
            }
            buffer.writeInteger(UInt8(ascii: "}"))
        }
        return true
    }

    /// Integral values up to 2^53 print as integers; others in Swift's shortest round-trip
    /// form (`0.1`, `1e-05`, `5e+20`), which is valid JSON and reads back to the same `Double`.
    static func writeNumber(_ number: Double, into buffer: inout ByteBuffer) {
        if number.rounded() == number, abs(number) < 9.0e15 {
            writeInteger(Int64(number), into: &buffer)
        } else {
            buffer.writeString(number.description)
        }
    }

    /// Decimal digits of `value`, without going through a `String`.
    static func writeInteger(_ value: Int64, into buffer: inout ByteBuffer) {
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { bytes in
            var start = bytes.count
            repeat {
                start -= 1
                bytes[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// A quoted JSON string. Runs of bytes that need no escape are copied in one go.
    static func writeString(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))) }
                writeEscape(byte, into: &buffer)
                runStart = index + 1
            }
            if runStart < bytes.count { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...]))) }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func writeEscape(_ byte: UInt8, into buffer: inout ByteBuffer) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        default:
            buffer.writeStaticString("\\u00")
            let hex = hexDigits.utf8Start
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
    }
}

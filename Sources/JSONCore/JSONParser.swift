/// A small recursive-descent JSON parser over UTF-8 bytes.
///
/// Hand-written rather than `JSONDecoder` into the `Codable` ``JSONValue`` because the provider
/// stream path parses every streamed chunk: measured with `bench/run.sh json` and
/// `RESUME_AGENT_BENCH_PASSES=10 valgrind --tool=callgrind … normalizer` (release build), the
/// whole normalizer takes about 11× the instructions with `JSONDecoder` (1.60 G against 0.147 G
/// per pass over a 2 000-chunk OpenAI and a 2 000-chunk Gemini stream), and one OpenAI chunk
/// costs about 15× the instructions (312 k against 21 k). It also bounds nesting depth and
/// reports the byte offset of an error, which the model reads when its tool arguments are refused.
///
/// Model output is untrusted: nesting depth is bounded so a hostile chunk cannot exhaust the
/// stack, and every failure is a ``JSONParseError`` with an offset, never a trap.
enum JSONParser {
    static let maximumDepth = 128

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: buffer)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// Members of the objects being read, innermost last: one buffer for the whole parse, so
        /// each object is built once at its final size instead of growing (and rehashing) a
        /// dictionary member by member.
        var members: [(key: String, value: JSONValue)] = []

        var atEnd: Bool { position >= bytes.count }

        func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: position) }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
            guard position < bytes.count else { throw error("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error("unexpected character '\(Self.printable(bytes[position]))'")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw error("unexpected end of input") }
            let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
            for index in 0..<count where bytes[position + index] != expected[index] {
                throw error("invalid literal")
            }
            position += count
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object([:])
            }
            let base = members.count
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a quoted object key") }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
                position += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input inside an object") }
                let separator = bytes[position]
                position += 1
                if separator == UInt8(ascii: "}") { return .object(takeMembers(from: base)) }
                guard separator == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or '}' in an object") }
            }
        }

        /// The object whose members start at `base`; a repeated key keeps its last value, as
        /// most parsers do.
        mutating func takeMembers(from base: Int) -> [String: JSONValue] {
            var object = [String: JSONValue](minimumCapacity: members.count - base)
            for index in base..<members.count { object[members[index].key] = members[index].value }
            members.removeSubrange(base...)
            return object
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            position += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(array)
            }
            while true {
                skipWhitespace()
                array.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input inside an array") }
                let separator = bytes[position]
                position += 1
                if separator == UInt8(ascii: "]") { return .array(array) }
                guard separator == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or ']' in an array") }
            }
        }

        mutating func parseNumber() throws(JSONParseError) -> Double {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            if let integer = parseSmallInteger(negative: position > start) { return integer }
            while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                position = start
                throw error("invalid number '\(text)'")
            }
            return value
        }

        /// The common case without a string: a plain integer of up to 15 digits (counts, ids,
        /// timestamps), exact in a `Double`. `nil`, with the position unchanged, for anything else
        /// (fractions, exponents, leading zeros, longer numbers), which the general path reads.
        mutating func parseSmallInteger(negative: Bool) -> Double? {
            let digitsStart = position
            var value: Int64 = 0
            var end = position
            while end < bytes.count, end - digitsStart < 16, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                value = value * 10 + Int64(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            let count = end - digitsStart
            guard count > 0, count <= 15, !(count > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { return nil }
            // A fraction or exponent follows, or `-0` (which a Double keeps apart from 0).
            if end < bytes.count, Self.isNumberByte(bytes[end]) { return nil }
            if negative, value == 0 { return nil }
            position = end
            return Double(negative ? -value : value)
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }

        mutating func parseString() throws(JSONParseError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes, so the bytes between the quotes are the string.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw error("control character inside a string") }
                position += 1
            }
            var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try appendEscape(to: &scalars)
                case 0..<0x20:
                    position -= 1
                    throw error("control character inside a string")
                default:
                    scalars.append(byte)
                }
            }
            throw error("unterminated string")
        }

        mutating func appendEscape(to output: inout [UInt8]) throws(JSONParseError) {
            guard position < bytes.count else { throw error("unterminated escape") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): output.append(0x22)
            case UInt8(ascii: "\\"): output.append(0x5C)
            case UInt8(ascii: "/"): output.append(0x2F)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape(to: &output)
            default:
                position -= 1
                throw error("invalid escape '\\\(Self.printable(byte))'")
            }
        }

        mutating func appendUnicodeEscape(to output: inout [UInt8]) throws(JSONParseError) {
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by \u and a low surrogate; alone it is replaced.
                if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try readHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        output.append(contentsOf: Array("\u{FFFD}".utf8))
                        code = low
                    }
                } else {
                    code = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(code) {
                code = 0xFFFD
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }

        mutating func readHex4() throws(JSONParseError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        static func printable(_ byte: UInt8) -> String {
            (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16)
        }
    }
}

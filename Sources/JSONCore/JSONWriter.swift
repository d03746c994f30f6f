/// Compact JSON text for a ``JSONValue``, object keys sorted: the same value always gives the
/// same bytes (request bodies, tool arguments, logs).
///
/// Hand-written rather than `JSONEncoder` because the wire needs exactly this: integral numbers
/// without a fraction (`"max_tokens":512`, not `512.0`, which strict servers refuse), `/` left
/// unescaped, no `Foundation` on the path.
enum JSONWriter {
    static func write(_ value: JSONValue) -> String {
        var output = ""
        append(value, to: &output)
        return output
    }

    static func append(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += format(number)
        case .string(let text): appendString(text, to: &output)
        case .array(let array):
            output += "["
            for (index, element) in array.enumerated() {
                if index > 0 { output += "," }
                append(element, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                appendString(key, to: &output)
                output += ":"
                append(object[key] ?? .null, to: &output)
            }
            output += "}"
        }
    }

    /// Integers print without a fraction; non-finite numbers have no JSON form and print `null`.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
        return String(number)
    }

    static func appendString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys.
    public var jsonText: String { JSONWriter.write(self) }
}

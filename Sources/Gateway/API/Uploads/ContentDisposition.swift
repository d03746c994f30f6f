import Foundation

/// The `Content-Disposition` header of a multipart part (RFC 7578 § 4.2, RFC 6266): its
/// `name` and `filename`. multipart-kit 4 splits parameters on every `;` and drops quotes
/// naively, which breaks on a quoted filename containing `;` or `\"`, and it ignores the
/// RFC 5987 `filename*=UTF-8''…` form browsers send for non-ASCII names; this reads both.
struct ContentDisposition: Equatable {
    var name: String?
    var filename: String?

    init(_ header: String) {
        var parameters: [String: String] = [:]
        var scanner = Substring(header)
        // Skip the disposition type (`form-data`).
        guard let firstSemicolon = scanner.firstIndex(of: ";") else { return }
        scanner = scanner[scanner.index(after: firstSemicolon)...]
        while let (key, value, rest) = Self.nextParameter(scanner) {
            if parameters[key] == nil { parameters[key] = value }
            scanner = rest
        }
        name = parameters["name"]
        filename = parameters["filename*"].flatMap(Self.extendedValue) ?? parameters["filename"]
    }

    /// One `key=value` or `key="quoted \" value"` parameter, and what follows it.
    private static func nextParameter(_ input: Substring) -> (String, String, Substring)? {
        var rest = input.drop { $0 == " " || $0 == "\t" || $0 == ";" }
        guard let equals = rest.firstIndex(of: "=") else { return nil }
        let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
        rest = rest[rest.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
        var value = ""
        if rest.first == "\"" {
            rest = rest.dropFirst()
            var escaped = false
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    value.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    value.append(character)
                }
            }
            guard closed else { return nil }
            if let semicolon = rest.firstIndex(of: ";") { rest = rest[semicolon...] } else { rest = rest[rest.endIndex...] }
        } else {
            let end = rest.firstIndex(of: ";") ?? rest.endIndex
            value = rest[..<end].trimmingCharacters(in: .whitespaces)
            rest = rest[end...]
        }
        guard !key.isEmpty else { return nil }
        return (key, value, rest)
    }

    /// RFC 5987 `charset'language'percent-encoded` (UTF-8 and ISO-8859-1).
    private static func extendedValue(_ raw: String) -> String? {
        let parts = raw.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let charset = parts[0].lowercased()
        var bytes: [UInt8] = []
        var iterator = Array(parts[2].utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        switch charset {
        case "utf-8": return String(bytes: bytes, encoding: .utf8)
        case "iso-8859-1": return String(bytes: bytes, encoding: .isoLatin1)
        default: return nil
        }
    }
}

import Foundation

/// An IPv4 or IPv6 address as bytes, parsed the way the C library parses them, so that the
/// policy sees the same address `connect()` would.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    /// Parses a literal address: IPv6 (brackets and `%zone` allowed) or IPv4 in any spelling
    /// `inet_aton` accepts (see ``init(inetAton:)``).
    public init?(_ text: String) {
        var host = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.contains(":") {
            guard let bytes = Self.parseIPv6(host) else { return nil }
            self = .v6(bytes)
        } else if let value = Self.parseInetAton(host) {
            self = .v4(value)
        } else {
            return nil
        }
    }

    /// IPv4 the way `inet_aton` (and so `getaddrinfo`, curl, browsers of old) reads it:
    /// one to four parts, each decimal, octal with a leading `0`, or hex with `0x`; the last part
    /// fills the remaining bytes. `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1` are all 127.0.0.1.
    public init?(inetAton text: String) {
        guard let value = Self.parseInetAton(text) else { return nil }
        self = .v4(value)
    }

    /// Reads a `sockaddr_in` or `sockaddr_in6` as raw bytes (as returned by `getaddrinfo`), in
    /// this platform's layout: Linux has a 16-bit family first; BSDs a length byte, then the family.
    public init?(sockaddr bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        #if os(Linux)
        let family = Int(UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
        let inet = 2, inet6 = 10
        #else
        let family = Int(bytes[1])
        let inet = 2, inet6 = 30
        #endif
        if family == inet {
            self = .v4(UInt32(bytes[4]) << 24 | UInt32(bytes[5]) << 16 | UInt32(bytes[6]) << 8 | UInt32(bytes[7]))
        } else if family == inet6, bytes.count >= 24 {
            self = .v6(Array(bytes[8..<24]))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return [24, 16, 8, 0].map { String(value >> UInt32($0) & 0xFF) }.joined(separator: ".")
        case .v6(let bytes):
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
    }

    /// The IPv4 address in the low 32 bits of an IPv6 address.
    var embeddedIPv4Low: UInt32? {
        guard case .v6(let bytes) = self else { return nil }
        return UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
    }

    // MARK: - Parsing

    static func parseInetAton(_ text: String) -> UInt32? {
        var host = Substring(text)
        if host.hasSuffix(".") { host = host.dropLast() }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = parseNumber(part) else { return nil }
            values.append(value)
        }
        let last = values.removeLast()
        for value in values where value > 0xFF { return nil }
        let lastBits = UInt64(8 * (4 - values.count))
        guard last < (1 << lastBits) else { return nil }
        var address: UInt64 = 0
        for (index, value) in values.enumerated() { address |= value << UInt64(24 - 8 * index) }
        return UInt32(address | last)
    }

    private static func parseNumber(_ part: Substring) -> UInt64? {
        guard !part.isEmpty, part.count <= 12 else { return nil }
        if part.hasPrefix("0x") || part.hasPrefix("0X") {
            let digits = part.dropFirst(2)
            // glibc reads a bare "0x" as zero.
            return digits.isEmpty ? 0 : UInt64(digits, radix: 16)
        }
        if part.hasPrefix("0") && part.count > 1 { return UInt64(part.dropFirst(), radix: 8) }
        guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(part)
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var host = Substring(text)
        if let percent = host.firstIndex(of: "%") { host = host[..<percent] }
        var tail: [UInt8] = []
        // An embedded dotted IPv4 takes the last 32 bits (::ffff:127.0.0.1).
        if let lastColon = host.lastIndex(of: ":"), host[host.index(after: lastColon)...].contains(".") {
            let v4Text = host[host.index(after: lastColon)...]
            guard v4Text.split(separator: ".").count == 4, let v4 = parseStrictIPv4(v4Text) else { return nil }
            tail = [UInt8(v4 >> 24), UInt8(v4 >> 16 & 0xFF), UInt8(v4 >> 8 & 0xFF), UInt8(v4 & 0xFF)]
            host = host[...lastColon]
            if host.hasSuffix(":") && !host.hasSuffix("::") { host = host.dropLast() }
        }
        let halves = host.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0]), let rest = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let total = (head.count + rest.count) * 2 + tail.count
        if halves.count == 1 { guard total == 16 else { return nil } } else { guard total <= 14 else { return nil } }
        var bytes: [UInt8] = head.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        bytes += [UInt8](repeating: 0, count: 16 - total)
        bytes += rest.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        bytes += tail
        return bytes.count == 16 ? bytes : nil
    }

    private static func groups(_ text: String) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        var result: [UInt16] = []
        for group in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
            result.append(value)
        }
        return result
    }

    /// Dotted-quad decimal only, as inside IPv6 text.
    private static func parseStrictIPv4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0
        for part in text.split(separator: ".") {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let byte = UInt32(part), byte <= 255 else {
                return nil
            }
            value = value << 8 | byte
        }
        return value
    }
}

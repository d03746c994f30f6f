/// Opaque, prefixed, unguessable identifiers (`sess_…`, `run_…`, `evt_…`, `apr_…`, `tc_…`).
public enum Identifier {
    /// A new id: the prefix, an underscore and 24 hex characters (96 random bits).
    public static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var id = prefix + "_"
        id.reserveCapacity(prefix.count + 25)
        for _ in 0..<12 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            id.append(digits[Int(byte >> 4)])
            id.append(digits[Int(byte & 0x0f)])
        }
        return id
    }

    /// True when `value` looks like an id with this prefix (cheap rejection of garbage
    /// before touching the database).
    public static func isValid(_ value: String, prefix: String) -> Bool {
        guard value.hasPrefix(prefix + "_"), value.utf8.count <= 64 else { return false }
        return value.utf8.dropFirst(prefix.utf8.count + 1).allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || byte == 0x5f
        }
    }
}

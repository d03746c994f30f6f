import Crypto

/// SHA-256, from swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms): API tokens
/// are stored as hashes, and every workspace file version is recorded with its digest.
/// A thin value over `Crypto.SHA256` so callers keep one small, hex-oriented API.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        hasher.update(data: Array(bytes))
    }

    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: Array(bytes)))
    }

    /// Lower-case hexadecimal digest.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hash(bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

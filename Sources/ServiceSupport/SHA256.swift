import Crypto
import Foundation

/// SHA-256, from swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms): API tokens
/// are stored as hashes, and every workspace file version is recorded with its digest.
/// A thin value over `Crypto.SHA256` so callers keep one small, hex-oriented API. Bytes are
/// handed over as contiguous regions (`DataProtocol`), never copied element by element: an
/// upload is hashed as it streams in.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: some DataProtocol) {
        hasher.update(data: bytes)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// Lower-case hexadecimal digest of everything given so far.
    public mutating func finalizeHex() -> String {
        Self.hexDigits(finalize())
    }

    public static func hash(_ bytes: some DataProtocol) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    /// Lower-case hexadecimal digest.
    public static func hex(_ bytes: some DataProtocol) -> String {
        hexDigits(hash(bytes))
    }

    private static func hexDigits(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

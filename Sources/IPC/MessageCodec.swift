import Foundation
import NIOCore

/// Turns messages into frames and frames into messages. Not shared between connections:
/// each connection owns one (encoders are cheap, and this keeps them off any lock).
///
/// The frames a run sends per token go through ``HotFrameCodec`` (hand-written, same JSON);
/// every other message, and any hot frame that path declines, through `Codable`.
public struct MessageCodec: Sendable {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    public init() {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self.encoder = encoder
        self.decoder = decoder
    }

    /// The JSON payload of `message` (no length header).
    public func payload(_ message: IPCMessage) throws -> Data {
        if let frame = HotFrameCodec.frame(message, allocator: ByteBufferAllocator()) {
            return Data(frame.readableBytesView.dropFirst(FrameDecoder.headerSize))
        }
        return try encoder.encode(message)
    }

    /// The JSON payload as `Codable` writes it, bypassing the fast path (tests compare the two).
    func codablePayload(_ message: IPCMessage) throws -> Data {
        try encoder.encode(message)
    }

    /// A complete frame: length header plus payload.
    public func frame(_ message: IPCMessage, allocator: ByteBufferAllocator = .init()) throws -> ByteBuffer {
        if let frame = HotFrameCodec.frame(message, allocator: allocator) { return frame }
        return FrameEncoder.frame(try encoder.encode(message), allocator: allocator)
    }

    /// Decodes one payload, mapping every failure to a `FrameError`.
    public func decode(_ payload: ByteBuffer) throws(FrameError) -> IPCMessage {
        if let message = HotFrameCodec.decode(payload) { return message }
        return try decodeWithCodable(payload)
    }

    /// Decodes with `Codable` only, bypassing the fast path (tests compare the two).
    func decodeWithCodable(_ payload: ByteBuffer) throws(FrameError) -> IPCMessage {
        let data = Data(payload.readableBytesView)
        do {
            return try decoder.decode(IPCMessage.self, from: data)
        } catch let error as FrameError {
            throw error
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw .invalidJSON(context.debugDescription)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw .invalidJSON("not an object: \(context.debugDescription)")
        } catch DecodingError.keyNotFound(let key, let context) where key.stringValue == "type" && context.codingPath.isEmpty {
            throw .invalidMessage(type: "", reason: "missing 'type'")
        } catch {
            let type = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["type"] as? String ?? ""
            throw .invalidMessage(type: type, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: "\(error)"
        }
    }
}

/// Why a connection's byte stream could not be turned into messages.
///
/// Every case closes the connection it happened on (the peer is broken or hostile); none of
/// them may crash or hang the reader.
public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The length header announced more than the configured maximum. Raised before any
    /// payload byte is buffered, so a hostile length cannot make us allocate.
    case frameTooLarge(length: Int, maximum: Int)
    /// The stream ended inside a frame (header or payload).
    case truncatedFrame(expected: Int, received: Int)
    /// The payload was not one JSON object.
    case invalidJSON(String)
    /// The payload's `type` is not one this protocol version knows.
    case unknownMessageType(String)
    /// The payload has a known `type` but its fields are wrong.
    case invalidMessage(type: String, reason: String)

    /// A stable snake_case code for logs (`error.code`).
    public var code: String {
        switch self {
        case .frameTooLarge: "frame_too_large"
        case .truncatedFrame: "truncated_frame"
        case .invalidJSON: "invalid_json"
        case .unknownMessageType: "unknown_message_type"
        case .invalidMessage: "invalid_message"
        }
    }

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let maximum): "frame of \(length) bytes exceeds the maximum of \(maximum)"
        case .truncatedFrame(let expected, let received): "stream ended after \(received) of \(expected) bytes of a frame"
        case .invalidJSON(let reason): "payload is not a JSON object: \(reason)"
        case .unknownMessageType(let type): "unknown message type '\(type)'"
        case .invalidMessage(let type, let reason): "invalid '\(type)' message: \(reason)"
        }
    }
}

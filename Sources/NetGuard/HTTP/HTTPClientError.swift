/// Why an HTTP exchange failed. Messages come from curl and name hosts, never credentials.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request could not be set up (bad URL, option refused).
    case invalidRequest(String)
    /// DNS, TCP or TLS setup failed.
    case connectFailed(String)
    /// The connect, total or idle time limit was reached.
    case timeout
    /// The caller's task was cancelled or it dropped the body.
    case cancelled
    /// The body exceeded ``HTTPRequest/maxResponseBytes``.
    case tooLarge(limit: Int)
    /// Any other libcurl failure, with its code and message.
    case curl(code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidRequest(let message): "invalid request: \(message)"
        case .connectFailed(let message): "connection failed: \(message)"
        case .timeout: "timed out"
        case .cancelled: "cancelled"
        case .tooLarge(let limit): "response larger than \(limit) bytes"
        case .curl(let code, let message): "curl error \(code): \(message)"
        }
    }
}

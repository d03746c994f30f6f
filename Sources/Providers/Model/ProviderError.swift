/// Why a provider call failed, typed so the router can decide between retrying, falling back
/// and giving up, and worded so the run's `provider_error` message is readable.
///
/// Messages never contain credentials: excerpts of server bodies pass through ``APIKey/redact(_:)``.
public struct ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A request error (4xx other than 429): retrying the same request will not help.
        case http(status: Int, excerpt: String)
        /// 429: too many requests or quota; `retryAfter` from the header when given.
        case rateLimited(retryAfter: RetryAfter?)
        /// 5xx: the provider failed; `retryAfter` when a 503 names one.
        case server(status: Int, excerpt: String, retryAfter: RetryAfter?)
        /// Connect, total or idle time limit reached.
        case timeout
        /// Could not connect, or the connection broke.
        case connection(String)
        /// The stream did not follow its wire format.
        case malformedStream(String)
        /// The provider refused for safety or policy reasons (prompt or answer).
        case safetyBlocked(String)
        /// A known incompatibility the request can be adjusted for.
        case quirk(ProviderQuirk, excerpt: String)
    }

    public var kind: Kind
    /// The provider's configured name.
    public var provider: String

    public init(_ kind: Kind, provider: String) {
        self.kind = kind
        self.provider = provider
    }

    /// Whether another attempt (same provider after a backoff, or the next provider) may succeed.
    public var isTransient: Bool {
        switch kind {
        case .rateLimited, .server, .timeout, .connection: true
        case .http, .malformedStream, .safetyBlocked, .quirk: false
        }
    }

    /// The server's `Retry-After`, when it gave one.
    public var retryAfter: RetryAfter? {
        switch kind {
        case .rateLimited(let retryAfter), .server(_, _, let retryAfter): retryAfter
        default: nil
        }
    }

    /// A stable code for logs and metrics.
    public var code: String {
        switch kind {
        case .http: "http_error"
        case .rateLimited: "rate_limited"
        case .server: "server_error"
        case .timeout: "timeout"
        case .connection: "connection_failed"
        case .malformedStream: "malformed_stream"
        case .safetyBlocked: "safety_blocked"
        case .quirk: "unsupported_parameter"
        }
    }

    public var description: String {
        switch kind {
        case .http(let status, let excerpt):
            "\(provider): request rejected (HTTP \(status)): \(excerpt)"
        case .rateLimited(let retryAfter):
            "\(provider): rate limited" + (retryAfter.map { " (retry after \($0.summary))" } ?? "")
        case .server(let status, let excerpt, _):
            "\(provider): server error (HTTP \(status)): \(excerpt)"
        case .timeout:
            "\(provider): timed out"
        case .connection(let message):
            "\(provider): connection failed: \(message)"
        case .malformedStream(let message):
            "\(provider): malformed response stream: \(message)"
        case .safetyBlocked(let reason):
            "\(provider): blocked by the provider's safety filter (\(reason))"
        case .quirk(let quirk, let excerpt):
            "\(provider): model rejected a parameter (\(quirk.rawValue)): \(excerpt)"
        }
    }
}

extension RetryAfter {
    var summary: String {
        switch self {
        case .seconds(let seconds): "\(seconds) s"
        case .date(let date): "\(date)"
        }
    }
}

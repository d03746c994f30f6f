/// One outbound HTTP request and the limits it runs under.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var method: Method
    /// An absolute `http` or `https` URL; other schemes are refused by curl's protocol list.
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Time allowed to establish the connection (TCP and TLS).
    public var connectTimeout: Duration
    /// Time allowed for the whole exchange, body included.
    public var totalTimeout: Duration
    /// Abort when no byte arrives for this long (a stalled stream); `nil` disables it.
    public var idleTimeout: Duration?
    /// Bytes of response body accepted before the transfer fails with ``HTTPClientError/tooLarge(limit:)``.
    public var maxResponseBytes: Int
    /// Whether curl follows redirects itself. Off by default: callers that follow them must
    /// re-check every hop (see ``JobPageFetcher``).
    public var followRedirects: Bool
    /// `CURLOPT_RESOLVE` entries (`host:port:address`): connect to these addresses without DNS.
    public var pinnedAddresses: [String]
    /// Whether `http_proxy`/`https_proxy` from the environment apply. Off for fetches whose
    /// destination was checked: a proxy would connect somewhere else on our behalf.
    public var useEnvironmentProxy: Bool

    public init(
        method: Method,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(300),
        idleTimeout: Duration? = nil,
        maxResponseBytes: Int = 16 << 20,
        followRedirects: Bool = false,
        pinnedAddresses: [String] = [],
        useEnvironmentProxy: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.idleTimeout = idleTimeout
        self.maxResponseBytes = maxResponseBytes
        self.followRedirects = followRedirects
        self.pinnedAddresses = pinnedAddresses
        self.useEnvironmentProxy = useEnvironmentProxy
    }

    /// Method, URL and headers with credentials redacted; never the body (it holds resume text).
    public var description: String { "\(method.rawValue) \(url) \(headers) (\(body.count) bytes)" }
}

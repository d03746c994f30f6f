import NetGuard
import ProviderCatalog

/// A Gemini model through the Generative Language API's server-sent-event stream.
public struct GeminiProvider: LLMProvider, CustomStringConvertible {
    public let name: String
    public let model: String
    /// The API root, e.g. `https://generativelanguage.googleapis.com`.
    public let baseURL: String
    public var timeouts: ProviderTimeouts
    private let apiKey: APIKey?
    private let client: HTTPClient

    public init(
        name: String = "gemini",
        baseURL: String = ProviderDescriptor.gemini.defaultBaseURL,
        apiKey: APIKey?,
        model: String,
        timeouts: ProviderTimeouts = ProviderTimeouts(),
        client: HTTPClient = HTTPClient()
    ) {
        self.name = name
        self.baseURL = baseURL.trimmingTrailingSlashes
        self.apiKey = apiKey
        self.model = model.hasPrefix("models/") ? String(model.dropFirst("models/".count)) : model
        self.timeouts = timeouts
        self.client = client
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        StreamingCall(
            client: client, request: httpRequest(for: request), normalizer: GeminiStreamNormalizer(provider: name),
            provider: name, key: apiKey, detectsQuirks: false
        ).events()
    }

    func httpRequest(for request: ChatRequest) -> HTTPRequest {
        // The key goes in a header, never the query string, so it stays out of URLs and logs.
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "text/event-stream"]
        if let apiKey, !apiKey.secret.isEmpty { headers.add("x-goog-api-key", apiKey.secret) }
        let root = baseURL.hasSuffix("/v1beta") ? baseURL : baseURL + "/v1beta"
        return HTTPRequest(
            method: .post,
            url: root + "/models/\(model):streamGenerateContent?alt=sse",
            headers: headers,
            body: Array(GeminiRequestEncoder.encode(request).jsonText.utf8),
            connectTimeout: timeouts.connect,
            totalTimeout: timeouts.total,
            idleTimeout: timeouts.idle
        )
    }

    public var description: String { "GeminiProvider(name: \(name), model: \(model), baseURL: \(baseURL), apiKey: <redacted>)" }
}

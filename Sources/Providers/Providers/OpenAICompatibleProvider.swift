import NetGuard
import ProviderCatalog

/// A model behind an OpenAI-compatible `chat/completions` endpoint: OpenAI itself, vLLM,
/// llama.cpp's server or Ollama's `/v1`.
public struct OpenAICompatibleProvider: LLMProvider, CustomStringConvertible {
    public let name: String
    public let model: String
    /// The API root, e.g. `https://api.openai.com/v1`.
    public let baseURL: String
    public var flags: ProviderFlags
    public var timeouts: ProviderTimeouts
    private let apiKey: APIKey?
    private let client: HTTPClient
    private let quirks: QuirkRegistry

    public init(
        name: String = "openai",
        baseURL: String,
        apiKey: APIKey?,
        model: String,
        flags: ProviderFlags = ProviderFlags(),
        timeouts: ProviderTimeouts = ProviderTimeouts(),
        client: HTTPClient = HTTPClient(),
        quirks: QuirkRegistry = QuirkRegistry()
    ) {
        self.name = name
        self.baseURL = baseURL.trimmingTrailingSlashes
        self.apiKey = apiKey
        self.model = model
        self.flags = flags
        self.timeouts = timeouts
        self.client = client
        self.quirks = quirks
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        StreamingCall(
            client: client, request: httpRequest(for: request), normalizer: OpenAIStreamNormalizer(provider: name),
            provider: name, key: apiKey, detectsQuirks: true
        ).events()
    }

    public func adopt(_ quirk: ProviderQuirk) -> Bool {
        quirks.record(quirk, endpoint: baseURL, model: model)
    }

    /// The wire request for `request` with this model's known quirks applied.
    func httpRequest(for request: ChatRequest) -> HTTPRequest {
        let learned = quirks.quirks(endpoint: baseURL, model: model)
        let options = OpenAIRequestEncoder.Options(
            omitTemperature: flags.omitTemperature || learned.contains(.temperatureUnsupported),
            useMaxCompletionTokens: flags.useMaxCompletionTokens || learned.contains(.maxCompletionTokensRequired),
            includeStreamUsage: flags.includeStreamUsage
        )
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "text/event-stream"]
        if let apiKey, !apiKey.secret.isEmpty { headers.add("Authorization", "Bearer \(apiKey.secret)") }
        return HTTPRequest(
            method: .post,
            url: baseURL + "/chat/completions",
            headers: headers,
            body: Array(OpenAIRequestEncoder.encode(request, model: model, options: options).jsonText.utf8),
            connectTimeout: timeouts.connect,
            totalTimeout: timeouts.total,
            idleTimeout: timeouts.idle
        )
    }

    public var description: String { "OpenAICompatibleProvider(name: \(name), model: \(model), baseURL: \(baseURL), apiKey: <redacted>)" }
}

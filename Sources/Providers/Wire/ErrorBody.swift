import JSONCore
import NetGuard
import ProviderCatalog

/// Reads provider error responses (`{"error":{"message","type","code","param"}}` from
/// OpenAI-compatible servers, `{"error":{"code","message","status","details"}}` from Gemini) into
/// a ``ProviderError`` the router can act on.
enum ErrorBody {
    static let excerptLimit = 500

    /// Classifies a non-2xx response.
    static func classify(
        status: Int,
        headers: HTTPHeaders,
        body: [UInt8],
        provider: String,
        key: APIKey?,
        detectsQuirks: Bool
    ) -> ProviderError {
        let parsed = try? JSONValue.parse(bytes: body)
        let error = parsed?["error"]
        let message = redacted(message(error: error, parsed: parsed, body: body, status: status), key: key)
        let retryAfter = headers["retry-after"].flatMap(RetryAfter.init(headerValue:)) ?? retryDelay(in: error)
        switch status {
        case 429:
            return ProviderError(.rateLimited(retryAfter: retryAfter), provider: provider)
        case 500...:
            return ProviderError(.server(status: status, excerpt: message, retryAfter: retryAfter), provider: provider)
        case 408:
            return ProviderError(.timeout, provider: provider)
        default:
            if detectsQuirks, status == 400, let quirk = quirk(message: message, param: error?["param"]?.stringValue) {
                return ProviderError(.quirk(quirk, excerpt: message), provider: provider)
            }
            return ProviderError(.http(status: status, excerpt: message), provider: provider)
        }
    }

    /// An error object sent inside a 200 stream (vLLM, llama.cpp and OpenAI do this mid-stream).
    static func streamError(_ error: JSONValue, provider: String) -> ProviderError {
        let message = error["message"]?.stringValue ?? error.stringValue ?? StreamChunk.excerpt(error.jsonText)
        let code = error["code"]?.intValue ?? 500
        let excerpt = String(message.prefix(excerptLimit))
        if code == 429 { return ProviderError(.rateLimited(retryAfter: nil), provider: provider) }
        if (400..<500).contains(code) { return ProviderError(.http(status: code, excerpt: excerpt), provider: provider) }
        return ProviderError(.server(status: code, excerpt: excerpt, retryAfter: nil), provider: provider)
    }

    /// OpenAI words these as "Unsupported value: 'temperature' does not support 0.2 with this
    /// model. Only the default (1) value is supported." and "Unsupported parameter: 'max_tokens'
    /// is not supported with this model. Use 'max_completion_tokens' instead."
    static func quirk(message: String, param: String?) -> ProviderQuirk? {
        let text = message.lowercased()
        let unsupported = text.contains("unsupported") || text.contains("not supported") || text.contains("does not support")
            || text.contains("only the default")
        if param == "temperature" || text.contains("temperature"), unsupported {
            return .temperatureUnsupported
        }
        if param == "max_tokens" || text.contains("max_tokens"), unsupported || text.contains("max_completion_tokens") {
            return .maxCompletionTokensRequired
        }
        return nil
    }

    private static func message(error: JSONValue?, parsed: JSONValue?, body: [UInt8], status: Int) -> String {
        if let text = error?["message"]?.stringValue ?? error?.stringValue ?? parsed?["message"]?.stringValue ?? parsed?["detail"]?.stringValue {
            return String(text.prefix(excerptLimit))
        }
        let raw = StreamChunk.excerpt(String(decoding: body.prefix(4 * excerptLimit), as: UTF8.self), limit: excerptLimit)
        return raw.isEmpty ? "HTTP \(status) with an empty body" : raw
    }

    /// Gemini's 429 carries `details: [{"@type": "…RetryInfo", "retryDelay": "30s"}]` instead of a header.
    private static func retryDelay(in error: JSONValue?) -> RetryAfter? {
        for detail in error?["details"]?.arrayValue ?? [] {
            guard detail["@type"]?.stringValue?.hasSuffix("RetryInfo") == true,
                let text = detail["retryDelay"]?.stringValue, text.hasSuffix("s"),
                let seconds = Double(text.dropLast()), seconds >= 0
            else { continue }
            return .seconds(Int(seconds.rounded(.up)))
        }
        return nil
    }

    private static func redacted(_ text: String, key: APIKey?) -> String {
        key?.redact(text) ?? text
    }
}

import JSONCore

/// Normalizes Gemini `streamGenerateContent?alt=sse` streams.
///
/// Each event is a whole `GenerateContentResponse`. A `functionCall` part arrives complete, so it
/// becomes start, one arguments delta (the JSON of `args`) and end. `usageMetadata` repeats with
/// running totals: only the last is reported. Safety finishes and a blocked prompt throw
/// ``ProviderError/Kind/safetyBlocked(_:)``; `thought` parts (thinking summaries) are not answer text.
public struct GeminiStreamNormalizer: WireNormalizer {
    private let provider: String
    private var chunkCount = 0
    private var nextCallIndex = 0
    private var finishReason: FinishReason?
    private var usage: (input: Int, output: Int)?
    private var finished = false

    /// Finish reasons that mean the provider withheld the answer.
    static let safetyReasons: Set<String> = [
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
    ]

    public init(provider: String) {
        self.provider = provider
    }

    public mutating func consume(_ event: SSEEvent, into output: inout [ProviderEvent]) throws(ProviderError) {
        guard !finished else { return }
        let data = event.data.trimmingWhitespace
        guard !data.isEmpty else { return }
        chunkCount += 1
        let chunk = try StreamChunk.parse(String(data), ordinal: chunkCount, provider: provider)
        if let error = chunk["error"], !error.isNull {
            throw ErrorBody.streamError(error, provider: provider)
        }
        guard case .object = chunk else {
            throw ProviderError(.malformedStream("chunk \(chunkCount) is not a JSON object: \(StreamChunk.excerpt(String(data)))"), provider: provider)
        }
        if let blockReason = chunk["promptFeedback"]?["blockReason"]?.stringValue {
            throw ProviderError(.safetyBlocked("prompt blocked: \(blockReason)"), provider: provider)
        }
        if let candidate = chunk["candidates"]?[0] {
            try consumeCandidate(candidate, into: &output)
        }
        if let metadata = chunk["usageMetadata"], case .object = metadata {
            // Thinking tokens are billed as output.
            let output = (metadata["candidatesTokenCount"]?.intValue ?? 0) + (metadata["thoughtsTokenCount"]?.intValue ?? 0)
            usage = (metadata["promptTokenCount"]?.intValue ?? 0, output)
        }
    }

    public mutating func finish(into output: inout [ProviderEvent]) throws(ProviderError) {
        guard !finished else { return }
        guard let reason = finishReason else {
            throw ProviderError(.malformedStream("the stream ended before the model finished (no finishReason)"), provider: provider)
        }
        if let usage { output.append(.usage(input: usage.input, output: usage.output)) }
        output.append(.finish(reason == .stop && nextCallIndex > 0 ? .toolCalls : reason))
        finished = true
    }

    private mutating func consumeCandidate(_ candidate: JSONValue, into output: inout [ProviderEvent]) throws(ProviderError) {
        for part in candidate["content"]?["parts"]?.arrayValue ?? [] {
            if part["thought"]?.boolValue == true { continue }
            if let text = part["text"]?.stringValue, !text.isEmpty {
                output.append(.textDelta(text))
            }
            if let call = part["functionCall"], case .object = call {
                emitFunctionCall(call, into: &output)
            }
        }
        guard let raw = candidate["finishReason"]?.stringValue else { return }
        if Self.safetyReasons.contains(raw) {
            throw ProviderError(.safetyBlocked("answer blocked: \(raw)"), provider: provider)
        }
        finishReason = Self.finishReason(raw)
    }

    private mutating func emitFunctionCall(_ call: JSONValue, into output: inout [ProviderEvent]) {
        let index = nextCallIndex
        nextCallIndex += 1
        let id = call["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "call_\(index)"
        output.append(.toolCallStart(index: index, id: id, name: call["name"]?.stringValue ?? ""))
        let arguments = call["args"].flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        output.append(.toolCallArgumentsDelta(index: index, fragment: arguments.jsonText))
        output.append(.toolCallEnd(index: index))
    }

    static func finishReason(_ raw: String) -> FinishReason {
        switch raw {
        case "STOP": .stop
        case "MAX_TOKENS": .length
        default: .other(raw)
        }
    }
}

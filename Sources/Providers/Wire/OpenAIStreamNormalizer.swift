import JSONCore

/// Normalizes OpenAI-compatible `chat/completions` streams (OpenAI, vLLM, llama.cpp, Ollama).
///
/// Tolerated variations: a role-only first delta; `content: null`; tool-call fragments after the
/// first without `id` or `function.name`; missing `index` (older Ollama: inferred from `id`, else
/// the last call); arguments as an object instead of a string; usage in every chunk (vLLM's
/// continuous stats: only the last is reported), in the last chunk with empty `choices`
/// (OpenAI's `include_usage`) or absent; `finish_reason: "stop"` after tool calls (Ollama);
/// no `[DONE]` after a finish reason.
public struct OpenAIStreamNormalizer: WireNormalizer {
    private let provider: String
    private var chunkCount = 0
    private var started: Set<Int> = []
    private var open: [Int] = []
    private var indexByID: [String: Int] = [:]
    private var lastIndex: Int?
    private var finishReason: FinishReason?
    private var usage: (input: Int, output: Int)?
    private var finished = false

    public init(provider: String) {
        self.provider = provider
    }

    public mutating func consume(_ event: SSEEvent, into output: inout [ProviderEvent]) throws(ProviderError) {
        guard !finished else { return }
        let data = event.data.trimmingWhitespace
        if data == "[DONE]" {
            close(into: &output)
            return
        }
        guard !data.isEmpty else { return }
        chunkCount += 1
        let chunk = try StreamChunk.parse(String(data), ordinal: chunkCount, provider: provider)
        if let error = chunk["error"], !error.isNull {
            throw ErrorBody.streamError(error, provider: provider)
        }
        guard case .object = chunk else {
            throw ProviderError(.malformedStream("chunk \(chunkCount) is not a JSON object: \(StreamChunk.excerpt(String(data)))"), provider: provider)
        }
        for choice in chunk["choices"]?.arrayValue ?? [] where (choice["index"]?.intValue ?? 0) == 0 {
            consumeChoice(choice, into: &output)
        }
        if let usageObject = chunk["usage"], case .object = usageObject {
            usage = (usageObject["prompt_tokens"]?.intValue ?? 0, usageObject["completion_tokens"]?.intValue ?? 0)
        }
    }

    public mutating func finish(into output: inout [ProviderEvent]) throws(ProviderError) {
        guard !finished else { return }
        guard finishReason != nil else {
            throw ProviderError(
                .malformedStream("the stream ended before the model finished (no finish_reason and no [DONE])"),
                provider: provider
            )
        }
        close(into: &output)
    }

    // MARK: - Choices

    private mutating func consumeChoice(_ choice: JSONValue, into output: inout [ProviderEvent]) {
        let delta = choice["delta"] ?? choice["message"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            output.append(.textDelta(text))
        }
        for (position, call) in (delta?["tool_calls"]?.arrayValue ?? []).enumerated() {
            consumeToolCall(call, position: position, into: &output)
        }
        if let reason = choice["finish_reason"]?.stringValue {
            finishReason = Self.finishReason(reason)
            closeToolCalls(into: &output)
        }
    }

    private mutating func consumeToolCall(_ call: JSONValue, position: Int, into output: inout [ProviderEvent]) {
        let id = call["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let index = call["index"]?.intValue ?? inferredIndex(id: id, position: position)
        if !started.contains(index) {
            started.insert(index)
            open.append(index)
            let callID = id ?? "call_\(index)"
            indexByID[callID] = index
            output.append(.toolCallStart(index: index, id: callID, name: call["function"]?["name"]?.stringValue ?? ""))
        }
        lastIndex = index
        switch call["function"]?["arguments"] {
        case .string(let fragment)? where !fragment.isEmpty:
            output.append(.toolCallArgumentsDelta(index: index, fragment: fragment))
        case .object(let object)?:
            output.append(.toolCallArgumentsDelta(index: index, fragment: JSONValue.object(object).jsonText))
        default:
            break
        }
    }

    /// Servers that omit `index` send either one whole call per fragment (new `id` each time) or
    /// continuation fragments without `id` for the call in progress.
    private func inferredIndex(id: String?, position: Int) -> Int {
        if let id {
            return indexByID[id] ?? (started.max().map { $0 + 1 } ?? position)
        }
        return lastIndex ?? position
    }

    // MARK: - End of turn

    private mutating func closeToolCalls(into output: inout [ProviderEvent]) {
        for index in open { output.append(.toolCallEnd(index: index)) }
        open.removeAll()
    }

    private mutating func close(into output: inout [ProviderEvent]) {
        closeToolCalls(into: &output)
        if let usage { output.append(.usage(input: usage.input, output: usage.output)) }
        var reason = finishReason ?? (started.isEmpty ? .stop : .toolCalls)
        if reason == .stop && !started.isEmpty { reason = .toolCalls }
        output.append(.finish(reason))
        finished = true
    }

    static func finishReason(_ raw: String) -> FinishReason {
        switch raw {
        case "stop", "end_turn": .stop
        case "length", "max_tokens": .length
        case "tool_calls", "function_call": .toolCalls
        case "content_filter": .contentFilter
        default: .other(raw)
        }
    }
}

import Foundation

/// What the fake model answers to one `chat/completions` request: the directive of the last
/// user message (or the defaults), and which turn this is — the number of assistant tool-call
/// messages since that user message — decide between the next scripted tool call and text.
struct ReplyPlan: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case text(tokens: Int, finish: String)
        case toolCall(id: String, name: String, arguments: String)
    }

    var body: Body
    var model: String
    var ttft: Duration
    var tokensPerSecond: Double
    var hang: Bool
    var promptTokens: Int
    var streamUsage: Bool

    enum PlanError: Error, CustomStringConvertible {
        case notJSON
        case noMessages

        var description: String {
            switch self {
            case .notJSON: "the request body is not a JSON object"
            case .noMessages: "the request has no messages"
            }
        }
    }

    /// Builds the plan for `body` (the request's bytes). `sequence` makes tool-call ids unique.
    static func make(requestBody: [UInt8], defaults: ModelDirective, sequence: Int) throws(PlanError) -> ReplyPlan {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(requestBody))) as? [String: Any] else { throw .notJSON }
        guard let messages = object["messages"] as? [[String: Any]], !messages.isEmpty else { throw .noMessages }
        let lastUser = messages.lastIndex { $0["role"] as? String == "user" }
        let userText = lastUser.flatMap { messages[$0]["content"] as? String } ?? ""
        let directive = ModelDirective.find(in: userText) ?? ModelDirective()
        let round = lastUser.map { index in
            messages[(index + 1)...].filter { $0["role"] as? String == "assistant" && $0["tool_calls"] != nil }.count
        } ?? 0

        let calls = directive.calls ?? defaults.calls ?? []
        var tokens = round == 0 ? (directive.tokens ?? defaults.tokens ?? 50)
            : (directive.tokensAfterCalls ?? directive.tokens ?? defaults.tokensAfterCalls ?? defaults.tokens ?? 50)
        var finish = "stop"
        // A real model stops at max_tokens with finish_reason "length".
        let limit = (object["max_completion_tokens"] as? Int) ?? (object["max_tokens"] as? Int)
        if let limit, limit > 0, tokens > limit {
            tokens = limit
            finish = "length"
        }
        let body: Body
        if round < calls.count {
            let call = calls[round]
            let arguments = (try? JSONSerialization.data(withJSONObject: call.arguments, options: [.sortedKeys, .withoutEscapingSlashes]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            body = .toolCall(id: "call_fake\(sequence)", name: call.name, arguments: arguments)
        } else {
            body = .text(tokens: max(0, tokens), finish: finish)
        }
        let streamOptions = object["stream_options"] as? [String: Any]
        return ReplyPlan(
            body: body,
            model: object["model"] as? String ?? "fake",
            ttft: .milliseconds(directive.ttftMs ?? defaults.ttftMs ?? 0),
            tokensPerSecond: directive.tokensPerSecond ?? defaults.tokensPerSecond ?? 0,
            // Only a text answer hangs; a tool call always completes.
            hang: round >= calls.count && (directive.hang ?? defaults.hang ?? false),
            // Roughly four bytes a token, as tokenizers go for English and JSON.
            promptTokens: max(1, requestBody.count / 4),
            streamUsage: streamOptions?["include_usage"] as? Bool ?? false
        )
    }

    /// The stream's chunks, in order; the server paces them (TTFT, tokens per second).
    func chunks(id: String) -> [String] {
        let wire = OpenAIChunks(id: id, model: model)
        var chunks: [String] = []
        switch body {
        case .text(let tokens, let finish):
            chunks.reserveCapacity(tokens + 4)
            chunks.append(wire.roleChunk)
            for index in 0..<tokens { chunks.append(wire.contentChunk(OpenAIChunks.token(index))) }
            if hang { return chunks }
            chunks.append(wire.finishChunk(finish))
            if streamUsage { chunks.append(wire.usageChunk(prompt: promptTokens, completion: tokens)) }
        case .toolCall(let callID, let name, let arguments):
            chunks.append(wire.toolCallStart(callID: callID, name: name))
            // OpenAI streams the arguments in small fragments.
            var rest = Substring(arguments)
            while !rest.isEmpty {
                chunks.append(wire.toolCallArguments(String(rest.prefix(48))))
                rest = rest.dropFirst(48)
            }
            chunks.append(wire.finishChunk("tool_calls"))
            if streamUsage { chunks.append(wire.usageChunk(prompt: promptTokens, completion: max(1, arguments.utf8.count / 4))) }
        }
        chunks.append(OpenAIChunks.done)
        return chunks
    }
}

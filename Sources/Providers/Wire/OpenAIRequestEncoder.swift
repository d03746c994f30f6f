import JSONCore

/// Builds the body of an OpenAI-compatible `POST {base}/chat/completions` streaming request.
enum OpenAIRequestEncoder {
    struct Options: Sendable, Equatable {
        var omitTemperature = false
        var useMaxCompletionTokens = false
        /// `stream_options.include_usage`; a few old servers reject unknown fields.
        var includeStreamUsage = true
    }

    static func encode(_ request: ChatRequest, model: String, options: Options) -> JSONValue {
        var body: [String: JSONValue] = ["model": .string(model), "messages": .array(messages(request))]
        body["stream"] = true
        if options.includeStreamUsage { body["stream_options"] = ["include_usage": true] }
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(tool)) }
        if let temperature = request.temperature, !options.omitTemperature { body["temperature"] = .number(temperature) }
        if let maxTokens = request.maxTokens {
            body[options.useMaxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = .number(Double(maxTokens))
        }
        return .object(body)
    }

    static func messages(_ request: ChatRequest) -> [JSONValue] {
        var result: [JSONValue] = []
        if let system = request.system, !system.isEmpty {
            result.append(["role": "system", "content": .string(system)])
        }
        for message in request.messages {
            switch message {
            case .user(let text):
                result.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let toolCalls):
                var object: [String: JSONValue] = ["role": "assistant", "content": text.map(JSONValue.string) ?? .null]
                if !toolCalls.isEmpty { object["tool_calls"] = .array(toolCalls.map(toolCall)) }
                result.append(.object(object))
            case .toolResult(let toolResult):
                result.append(["role": "tool", "tool_call_id": .string(toolResult.callID), "content": .string(toolResult.content)])
            }
        }
        return result
    }

    static func toolCall(_ call: ToolCall) -> JSONValue {
        [
            "id": .string(call.id), "type": "function",
            "function": ["name": .string(call.name), "arguments": .string(call.arguments.isEmpty ? "{}" : call.arguments)],
        ]
    }

    static func tool(_ tool: ToolDefinition) -> JSONValue {
        [
            "type": "function",
            "function": ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters],
        ]
    }
}

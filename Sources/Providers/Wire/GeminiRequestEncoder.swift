import JSONCore

/// Builds the body of a Gemini `streamGenerateContent` request.
enum GeminiRequestEncoder {
    static func encode(_ request: ChatRequest) -> JSONValue {
        var body: [String: JSONValue] = ["contents": .array(contents(request.messages))]
        if let system = request.system, !system.isEmpty {
            body["systemInstruction"] = ["parts": [["text": .string(system)]]]
        }
        if !request.tools.isEmpty {
            body["tools"] = [["functionDeclarations": .array(request.tools.map(declaration))]]
        }
        var config: [String: JSONValue] = [:]
        if let temperature = request.temperature { config["temperature"] = .number(temperature) }
        if let maxTokens = request.maxTokens { config["maxOutputTokens"] = .number(Double(maxTokens)) }
        if !config.isEmpty { body["generationConfig"] = .object(config) }
        return .object(body)
    }

    /// Gemini alternates `user` and `model` turns; the results of parallel calls must come back
    /// together in one turn, so consecutive tool results share a content.
    static func contents(_ messages: [ChatMessage]) -> [JSONValue] {
        var contents: [(role: String, parts: [JSONValue])] = []
        func append(_ role: String, _ parts: [JSONValue], merge: Bool) {
            if merge, let last = contents.last, last.role == role {
                contents[contents.count - 1].parts += parts
            } else {
                contents.append((role, parts))
            }
        }
        var previousWasToolResult = false
        for message in messages {
            switch message {
            case .user(let text):
                append("user", [["text": .string(text)]], merge: false)
                previousWasToolResult = false
            case .assistant(let text, let toolCalls):
                var parts: [JSONValue] = []
                if let text, !text.isEmpty { parts.append(["text": .string(text)]) }
                parts += toolCalls.map(functionCall)
                append("model", parts, merge: false)
                previousWasToolResult = false
            case .toolResult(let result):
                append("user", [functionResponse(result)], merge: previousWasToolResult)
                previousWasToolResult = true
            }
        }
        return contents.map { ["role": .string($0.role), "parts": .array($0.parts)] }
    }

    static func functionCall(_ call: ToolCall) -> JSONValue {
        // Arguments are the model's own JSON text; if it is not an object Gemini would refuse
        // the whole request, so it travels as a string field instead.
        let parsed = try? JSONValue.parse(call.arguments)
        let args: JSONValue = if case .object? = parsed { parsed ?? [:] } else { ["arguments": .string(call.arguments)] }
        return ["functionCall": ["name": .string(call.name), "args": args]]
    }

    static func functionResponse(_ result: ToolResult) -> JSONValue {
        let response: JSONValue = result.isError ? ["error": .string(result.content)] : ["result": .string(result.content)]
        return ["functionResponse": ["name": .string(result.name), "response": response]]
    }

    /// Gemini's schema dialect (an OpenAPI subset) rejects some JSON-schema keywords outright.
    static func declaration(_ tool: ToolDefinition) -> JSONValue {
        ["name": .string(tool.name), "description": .string(tool.description), "parameters": geminiSchema(tool.parameters)]
    }

    static let unsupportedSchemaKeys: Set<String> = ["$schema", "additionalProperties", "$id", "$defs", "definitions"]

    static func geminiSchema(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(let object):
            var cleaned: [String: JSONValue] = [:]
            for (key, value) in object where !unsupportedSchemaKeys.contains(key) {
                // `properties` maps names to schemas: its keys are property names, not keywords.
                if key == "properties", case .object(let properties) = value {
                    var mapped: [String: JSONValue] = [:]
                    for (name, property) in properties { mapped[name] = geminiSchema(property) }
                    cleaned[key] = .object(mapped)
                } else {
                    cleaned[key] = geminiSchema(value)
                }
            }
            return .object(cleaned)
        case .array(let array):
            return .array(array.map(geminiSchema))
        default:
            return schema
        }
    }
}

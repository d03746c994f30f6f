import Foundation

/// OpenAI's `chat.completion.chunk` stream, byte for byte as the API sends it (see
/// `Tests/EndToEndTests/Support/FakeLLMServer.swift` and `Sources/Providers/Wire/
/// OpenAIStreamNormalizer.swift`): a role-only first delta, one chunk per token, a chunk with
/// the finish reason, then — `stream_options.include_usage` — a usage chunk with empty
/// `choices`, then `data: [DONE]`. Built by string concatenation: the model must cost little
/// next to the server it feeds on the same cores.
struct OpenAIChunks {
    let id: String
    let model: String
    let created = 1_739_534_400

    init(id: String, model: String) {
        self.id = id
        self.model = Self.escaped(model)
    }

    private var prefix: String {
        #"data: {"id":""# + id + #"","object":"chat.completion.chunk","created":\#(created),"model":""# + model
            + #"","system_fingerprint":"fp_fake","choices":["#
    }

    private func choice(delta: String, finish: String?) -> String {
        prefix + #"{"index":0,"delta":"# + delta + #","logprobs":null,"finish_reason":"#
            + (finish.map { "\"\($0)\"" } ?? "null") + #"}],"usage":null}"# + "\n\n"
    }

    var roleChunk: String { choice(delta: #"{"role":"assistant","content":""}"#, finish: nil) }

    func contentChunk(_ text: String) -> String {
        choice(delta: #"{"content":""# + Self.escaped(text) + #""}"#, finish: nil)
    }

    func finishChunk(_ reason: String) -> String { choice(delta: "{}", finish: reason) }

    func usageChunk(prompt: Int, completion: Int) -> String {
        #"data: {"id":""# + id + #"","object":"chat.completion.chunk","created":\#(created),"model":""# + model
            + #"","choices":[],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
            + "\n\n"
    }

    static let done = "data: [DONE]\n\n"

    /// The first chunk of a tool call: its id and name, with empty arguments.
    func toolCallStart(callID: String, name: String) -> String {
        choice(
            delta: #"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":""# + callID
                + #"","type":"function","function":{"name":""# + Self.escaped(name) + #"","arguments":""}}]}"#,
            finish: nil)
    }

    /// A fragment of the tool call's JSON arguments (a string, as OpenAI streams them).
    func toolCallArguments(_ fragment: String) -> String {
        choice(delta: #"{"tool_calls":[{"index":0,"function":{"arguments":""# + Self.escaped(fragment) + #""}}]}"#, finish: nil)
    }

    /// The i-th token of an answer: a short word with a leading space, like a BPE token.
    static func token(_ index: Int) -> String {
        " tok" + String(index)
    }

    /// JSON string escaping (the contents only, no quotes).
    static func escaped(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

import JSONCore
import ProviderCatalog
import Providers

/// One turn of a ``ScriptedProvider`` script:
/// `{"text": "...", "tool_calls": [{"name": "...", "arguments": {...}}], "usage": {"input_tokens": n,
///   "output_tokens": n}, "delay_ms": n, "hang": false, "ignore_cancel": false, "crash": false}`.
///
/// `arguments` may also be a string, sent as is: that is how a script sends malformed JSON.
struct ScriptTurn: Sendable {
    var text: String
    var toolCalls: [ToolCall]
    var usage: (input: Int, output: Int)?
    var delayMilliseconds: Int
    var hang: Bool
    var ignoreCancel: Bool
    var crash: Bool

    init(_ value: JSONValue, index: Int) throws(ProviderConfigError) {
        guard value.objectValue != nil else { throw Self.invalid("turn \(index + 1) is not an object") }
        text = value["text"]?.stringValue ?? ""
        toolCalls = try (value["tool_calls"]?.arrayValue ?? []).enumerated().map { (position, call) throws(ProviderConfigError) in
            guard let name = call["name"]?.stringValue else { throw Self.invalid("turn \(index + 1), tool call \(position + 1) has no name") }
            let arguments = call["arguments"].map { $0.stringValue ?? $0.jsonText } ?? "{}"
            let id = call["id"]?.stringValue ?? "call_\(index + 1)_\(position + 1)"
            return ToolCall(id: id, name: name, arguments: arguments)
        }
        if let usage = value["usage"] {
            self.usage = (usage["input_tokens"]?.intValue ?? 0, usage["output_tokens"]?.intValue ?? 0)
        }
        delayMilliseconds = max(0, value["delay_ms"]?.intValue ?? 0)
        hang = value["hang"]?.boolValue ?? false
        ignoreCancel = value["ignore_cancel"]?.boolValue ?? false
        crash = value["crash"]?.boolValue ?? false
    }

    static func invalid(_ detail: String) -> ProviderConfigError {
        .unusable(provider: ProviderKind.scripted.rawValue, reason: "the model script is invalid: \(detail)")
    }
}

import Providers

/// One turn the local engine decided on: text to stream, then tool calls.
struct LocalTurn: Sendable, Equatable {
    var text: String
    var calls: [ToolCall]

    init(text: String, calls: [ToolCall] = []) {
        self.text = text
        self.calls = calls
    }

    /// A turn that calls one tool.
    static func call(_ tool: String, _ arguments: String = "{}", saying text: String = "", id: String) -> LocalTurn {
        LocalTurn(text: text, calls: [ToolCall(id: id, name: tool, arguments: arguments)])
    }
}

/// One turn the local model decided on: text to stream, then tool calls.
struct LocalTurn: Sendable, Equatable {
    var text: String
    var calls: [ModelToolCall]

    init(text: String, calls: [ModelToolCall] = []) {
        self.text = text
        self.calls = calls
    }

    /// A turn that calls one tool.
    static func call(_ tool: String, _ arguments: String = "{}", saying text: String = "", id: String) -> LocalTurn {
        LocalTurn(text: text, calls: [ModelToolCall(id: id, name: tool, arguments: arguments)])
    }
}

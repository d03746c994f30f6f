import IPC

/// A tool call's arguments after schema validation: typed accessors that still never trap,
/// because the schema and the tool's expectations could drift.
struct ToolArguments: Sendable, Equatable {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) {
        self.values = values
    }

    /// A required string member.
    func string(_ name: String) throws(ToolError) -> String {
        guard let value = values[name]?.stringValue else { throw ToolError("missing string field \"\(name)\"") }
        return value
    }

    /// An optional string member; absent, null or empty reads as `nil`.
    func optionalString(_ name: String) -> String? {
        guard let value = values[name]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    var json: JSONValue { .object(values) }
}

import IPC

/// A tool as a model sees it: a name, what it does, and its parameters as a JSON-schema
/// object. Provider-neutral, so an adapter maps it one-to-one onto any wire format's
/// function declaration.
public struct ToolSpec: Sendable, Equatable {
    public var name: String
    public var description: String
    /// `{"type":"object","properties":{…},"required":[…]}`.
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

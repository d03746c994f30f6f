import JSONCore

/// A tool the model may call: a name, what it does, and its parameters as a JSON-schema object.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    /// A JSON-schema object (`{"type":"object","properties":{…},"required":[…]}`).
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

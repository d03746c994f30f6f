import IPC

/// Typed access to a job's input object.
struct JobInput: Sendable {
    let input: JSONValue

    /// A required string member.
    func string(_ name: String) throws(JobFailure) -> String {
        guard let value = input[name]?.stringValue else { throw .invalidRequest("The field \"\(name)\" is required and must be a string.") }
        return value
    }

    /// An optional string member.
    func optionalString(_ name: String) -> String? {
        input[name]?.stringValue
    }
}

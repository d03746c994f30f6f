/// A tool call that could not run: bad arguments, a missing file, an edit that does not apply.
/// The message is written for the model, which reads it and can correct its call.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

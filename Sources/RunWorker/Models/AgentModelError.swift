/// Why a model could not produce a turn. Ends the run as `run_failed` / `provider_error`.
public struct AgentModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable snake_case code (`provider_unavailable`, `script_unreadable`, …).
    public var code: String
    /// A sentence for the person watching the run; never a key or a stack trace.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

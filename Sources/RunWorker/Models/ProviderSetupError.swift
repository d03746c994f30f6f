/// Why a run got no provider. Ends the run as `run_failed` / `provider_error`.
public struct ProviderSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable snake_case code: `provider_unavailable` (the gateway named a provider the policy
    /// does not have) or `provider_config` (the policy is invalid or a provider cannot be built).
    public var code: String
    /// A sentence for the person watching the run; never a key or a stack trace.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

import IPC

/// Why a job run failed, in the contract's terms: a stable `code`, a user-facing `message`, and
/// the HTTP `status` the gateway answers with. Becomes a failed ``RunEnd``.
public struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: Int
    /// `invalidInput` for problems with what was sent, `internal` for ours.
    public var reason: RunEnd.Failure.Kind

    public init(code: String, message: String, status: Int, reason: RunEnd.Failure.Kind = .invalidInput) {
        self.code = code
        self.message = message
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(code) (\(status)): \(message)" }

    public func runEnd(runId: String) -> RunEnd {
        RunEnd(runId: runId, outcome: .failed, failure: .init(kind: reason, code: code, message: message, status: status))
    }
}

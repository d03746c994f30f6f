import IPC

/// Why a job run failed, in the contract's terms: a stable `code`, a user-facing `message`, and
/// the HTTP `status` the gateway answers with. Becomes a failed ``RunEnd`` carrying
/// `{"code", "status"}` as its result.
public struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: Int
    /// `invalid_input` for problems with what was sent, `internal` for ours.
    public var reason: String

    public init(code: String, message: String, status: Int, reason: String = "invalid_input") {
        self.code = code
        self.message = message
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(code) (\(status)): \(message)" }

    /// A required input field is missing or has the wrong type.
    static func invalidRequest(_ message: String) -> JobFailure {
        JobFailure(code: "invalid_request", message: message, status: 400)
    }

    func runEnd(runId: String) -> RunEnd {
        RunEnd(
            runId: runId, outcome: .failed, error: message,
            result: ["code": .string(code), "status": .number(Double(status))], reason: reason)
    }
}

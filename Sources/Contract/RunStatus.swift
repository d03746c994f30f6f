/// A run's status as stored and shown (`GET …/runs/{run_id}`).
public enum RunStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case queued, running, completed, failed, interrupted

    public var isTerminal: Bool { self == .completed || self == .failed || self == .interrupted }
}

/// Why the gateway stopped a run (`run_interrupted`'s `reason`).
public enum InterruptReason: String, Sendable, Codable, CaseIterable, Hashable {
    case user, timeout
    case costCap = "cost_cap"
    case stepLimit = "step_limit"
    case repeatedCall = "repeated_call"
    case approvalTimeout = "approval_timeout"
    case shutdown
}

/// Why a run failed (`run_failed`'s `reason`).
public enum FailureReason: String, Sendable, Codable, CaseIterable, Hashable {
    case workerCrashed = "worker_crashed"
    case providerError = "provider_error"
    case `internal`
}

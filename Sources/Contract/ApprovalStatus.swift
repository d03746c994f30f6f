/// Where a proposed write stands.
public enum ApprovalStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pending, approved, rejected
    /// The run ended (or the approval timed out) before anyone decided.
    case expired
}

/// Who decided a tool call.
public enum Decider: String, Sendable, Codable, CaseIterable, Hashable {
    /// A person, through the API or the web page.
    case user
    /// The session's auto-approve (only for edits with no truthfulness flag).
    case auto
    /// The gateway itself: read-only tools, or a refusal (invalid path, reused call id).
    case policy
}

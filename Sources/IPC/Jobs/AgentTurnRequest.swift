/// One agent turn: the person's message, the recent conversation, and what the gateway allows.
public struct AgentTurnRequest: Codable, Sendable, Equatable {
    /// One earlier exchange, for context.
    public struct Turn: Codable, Sendable, Equatable {
        public enum Role: String, Codable, Sendable { case user, assistant }
        public var role: Role
        public var content: String
        public init(role: Role, content: String) {
            self.role = role
            self.content = content
        }
    }

    public var message: String
    public var history: [Turn]
    /// The session's workflow state when the run was admitted.
    public var state: SessionState?
    public var autoApprove: Bool
    /// Tool steps the run may take (the gateway enforces it anyway).
    public var maxSteps: Int
    /// What is left of the session's cost cap, so a worker can size its requests.
    public var remainingBudgetUsd: Double?
    /// The provider the operator's policy names first.
    public var provider: String?
    /// Set when the run continues after a person's decision: the state the worker saved when
    /// it suspended, and the decision.
    public var resume: Resume?

    /// Where a suspended run picks up.
    public struct Resume: Codable, Sendable, Equatable {
        /// The worker's own saved state (``RunEnd/checkpoint``), handed back unchanged.
        public var checkpoint: JSONValue
        public var decision: ToolDecision
        public init(checkpoint: JSONValue, decision: ToolDecision) {
            self.checkpoint = checkpoint
            self.decision = decision
        }
    }

    public static let defaultMaxSteps = 24

    public init(
        message: String, history: [Turn] = [], state: SessionState? = nil, autoApprove: Bool = false,
        maxSteps: Int = AgentTurnRequest.defaultMaxSteps, remainingBudgetUsd: Double? = nil, provider: String? = nil
    ) {
        self.message = message
        self.history = history
        self.state = state
        self.autoApprove = autoApprove
        self.maxSteps = maxSteps
        self.remainingBudgetUsd = remainingBudgetUsd
        self.provider = provider
    }
}

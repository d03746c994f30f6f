import Contract
import IPC
import Providers

/// The `agent` run's input as the agent loop uses it: the gateway's typed request
/// (``AgentTurnRequest``) with the history as chat messages.
struct AgentRunInput: Sendable, Equatable {
    var message: String
    var history: [ChatMessage]
    /// The session's workflow state (`jd_provided`, `gap_analyzed`, …), if sent.
    var state: SessionState?
    var autoApprove: Bool
    var maxSteps: Int
    var remainingBudgetUSD: Double?
    /// The provider the gateway asks for, if any: the first of the operator's policy.
    var providerName: String?

    static let defaultMaxSteps = AgentTurnRequest.defaultMaxSteps

    init(_ request: AgentTurnRequest) {
        message = request.message
        history = request.history.map { turn in
            switch turn.role {
            case .user: .user(turn.content)
            case .assistant: .assistant(text: turn.content.isEmpty ? nil : turn.content, toolCalls: [])
            }
        }
        state = request.state
        autoApprove = request.autoApprove
        maxSteps = max(1, request.maxSteps)
        remainingBudgetUSD = request.remainingBudgetUsd
        providerName = request.provider
    }
}

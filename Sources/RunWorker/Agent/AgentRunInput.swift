import IPC
import Providers

/// The `agent` run's input, as the gateway sends it:
/// `{"kind":"agent","message":"…","history":[{"role":"user|assistant","content":"…"}],
///   "state":"jd_provided","auto_approve":false,"limits":{"max_steps":24},
///   "budget":{"remaining_usd":0.42},"provider":{"name":"local"}}`.
///
/// Lenient: everything but `message` has a default, and unknown history roles are skipped,
/// because the gateway's session may carry more than this worker understands.
struct AgentRunInput: Sendable, Equatable {
    var message: String
    var history: [ChatMessage]
    /// The session's workflow state (`jd_provided`, `gap_analyzed`, …), if sent.
    var state: String?
    var autoApprove: Bool
    var maxSteps: Int
    var remainingBudgetUSD: Double?
    /// The provider the gateway asks for, if any (`local`, `scripted`).
    var providerName: String?

    static let defaultMaxSteps = 24

    init(_ input: JSONValue) throws(JobFailure) {
        guard let message = input["message"]?.stringValue else {
            throw .invalidRequest("The field \"message\" is required and must be a string.")
        }
        self.message = message
        history = (input["history"]?.arrayValue ?? []).compactMap(Self.historyMessage)
        state = input["state"]?.stringValue
        autoApprove = input["auto_approve"]?.boolValue ?? false
        maxSteps = input["limits"]?["max_steps"]?.intValue.map { max(1, $0) } ?? Self.defaultMaxSteps
        remainingBudgetUSD = input["budget"]?["remaining_usd"]?.numberValue
        providerName = input["provider"]?["name"]?.stringValue ?? input["provider"]?.stringValue
    }

    private static func historyMessage(_ item: JSONValue) -> ChatMessage? {
        guard let content = item["content"]?.stringValue else { return nil }
        switch item["role"]?.stringValue {
        case "user": return .user(content)
        case "assistant": return .assistant(text: content.isEmpty ? nil : content, toolCalls: [])
        default: return nil
        }
    }
}

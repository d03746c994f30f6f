import Foundation
import IPC
import Providers

/// Where an agent run stands, complete enough to continue it in another process: the
/// conversation so far, what the loop counted, who was answering, what is left of the budget,
/// the calls of the last turn not yet performed, and the call that waits for a person (with
/// the plan the person is shown). The gateway keeps it, as opaque JSON, while nobody holds a
/// worker for the run.
struct AgentProgress: Sendable, Codable, Equatable {
    /// A call proposed for approval, waiting for the decision.
    struct Awaiting: Sendable, Codable, Equatable {
        /// The model's call, as it made it.
        var call: Providers.ToolCall
        /// The id the gateway knows it by (its approval is for this id).
        var toolCallId: String
        /// What the person approves: executing it later applies exactly this.
        var plan: ToolPlan
    }

    var conversation: [ChatMessage]
    var summary = AgentLoop.Summary()
    var provider: String
    var model: String
    var remainingBudgetUSD: Double?
    var queued: [Providers.ToolCall] = []
    var awaiting: Awaiting?

    /// Format of the saved state; a worker refuses a checkpoint of another version.
    var version = AgentProgress.currentVersion
    static let currentVersion = 1

    /// The checkpoint the gateway keeps: this state as JSON text in one string, so nothing on
    /// the way (the frames' snake_case keys) can change it.
    func checkpoint() throws -> JSONValue {
        .string(String(decoding: try JSONEncoder().encode(self), as: UTF8.self))
    }

    /// The state saved in `checkpoint`.
    init(checkpoint: JSONValue) throws(AgentLoopError) {
        guard case .string(let text) = checkpoint,
              let saved = try? JSONDecoder().decode(AgentProgress.self, from: Data(text.utf8)),
              saved.version == Self.currentVersion else { throw .unreadableCheckpoint }
        self = saved
    }

    init(conversation: [ChatMessage], provider: String, model: String, remainingBudgetUSD: Double?) {
        self.conversation = conversation
        self.provider = provider
        self.model = model
        self.remainingBudgetUSD = remainingBudgetUSD
    }
}

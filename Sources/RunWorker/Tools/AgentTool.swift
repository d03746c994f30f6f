import IPC
import ServiceSupport
import ResumeMatch
import Providers

/// One tool of the agent. A call goes through two phases around the gateway's decision:
/// ``plan(_:context:)`` prepares what the proposal shows (a diff and truth flags for writes)
/// without changing anything; ``execute(_:arguments:context:)`` runs only once the gateway
/// approved the call.
///
/// Both throw ``ToolError`` for problems the model should read; anything else (the gateway went
/// away, cancellation) ends the run.
protocol AgentTool: Sendable {
    var spec: ToolDefinition { get }
    /// Write tools need a person's (or auto-approve's) decision; the rest run at once.
    var requiresApproval: Bool { get }
    func plan(_ arguments: ToolArguments, context: ToolContext) async throws -> ToolPlan
    func execute(_ plan: ToolPlan, arguments: ToolArguments, context: ToolContext) async throws -> ToolOutput
}

extension AgentTool {
    var requiresApproval: Bool { false }
    var name: String { spec.name }

    func plan(_ arguments: ToolArguments, context: ToolContext) async throws -> ToolPlan { ToolPlan() }
}

/// What a call will do, shown in its proposal.
struct ToolPlan: Sendable, Codable, Equatable {
    /// Unified diff of the change, for write tools.
    var diff: String?
    /// Claims the change would add that the original resume does not support.
    var truthFlags: [TruthFlag] = []
    /// The file text as it was when the diff was made, so execution can tell it changed meanwhile.
    var base: String?
    /// The file text to write once approved.
    var newContent: String?
    /// The workspace path `newContent` goes to.
    var target: String?

    /// What the approval covers: the target with the digest of its new content. The gateway
    /// accepts exactly this write, once.
    var plannedWrites: [PlannedWrite] {
        guard let target, let newContent else { return [] }
        return [PlannedWrite(path: target, sha256: SHA256.hex(Array(newContent.utf8)))]
    }
}

/// What a call did: a one-line `summary` for the event stream, and the `content` the model reads.
struct ToolOutput: Sendable, Equatable {
    var summary: String
    var content: String

    init(summary: String, content: String? = nil) {
        self.summary = summary
        self.content = content ?? summary
    }
}

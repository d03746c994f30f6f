import IPC
import ServiceSupport
import Store

/// The approvals of one run: which proposals wait for a person, when each expires, which
/// calls may execute (and write, once), and decisions that arrived a moment before their
/// proposal event. A value owned by the run's controller.
struct ApprovalGate {
    /// approval id → its tool call id and when it expires.
    private(set) var pending: [String: (toolCallId: String, expiresAt: AnyClock.Instant)] = [:]
    /// Tool call ids seen in this run: an id names one call and is never reused.
    private var seen: Set<String> = []
    /// Calls allowed to run (read-only ones at once, writes once approved).
    private var executing: Set<String> = []
    /// What each proposed call said it would write (path and content digest).
    private var planned: [String: Set<PlannedWrite>] = [:]
    /// Writes an approval covers, by tool call id: each exactly once, exactly as planned.
    private var approvedWrites: [String: Set<PlannedWrite>] = [:]
    /// Approvals whose proposal event is out (decisions before it are held back).
    private var proposed: Set<String> = []
    private var early: [String: ApprovalRecord] = [:]

    /// False when `toolCallId` was used before in this run.
    mutating func firstUse(of toolCallId: String) -> Bool { seen.insert(toolCallId).inserted }

    /// Records what a proposed call will write; an approval covers these writes and no other.
    mutating func plan(_ toolCallId: String, writes: [PlannedWrite]) {
        planned[toolCallId] = Set(writes)
    }

    mutating func awaitDecision(approvalId: String, toolCallId: String, expiresAt: AnyClock.Instant) {
        pending[approvalId] = (toolCallId, expiresAt)
    }

    /// The proposal is visible; returns a decision that arrived before it, if any.
    mutating func proposalPublished(_ approvalId: String) -> ApprovalRecord? {
        proposed.insert(approvalId)
        return early.removeValue(forKey: approvalId)
    }

    /// False when the decision came before its proposal event: it is held and returned by
    /// `proposalPublished`.
    mutating func accept(_ decision: ApprovalRecord) -> Bool {
        guard proposed.contains(decision.id) else {
            early[decision.id] = decision
            return false
        }
        pending[decision.id] = nil
        if decision.status == .approved {
            executing.insert(decision.toolCallId)
            approvedWrites[decision.toolCallId] = planned.removeValue(forKey: decision.toolCallId) ?? []
        } else {
            planned[decision.toolCallId] = nil
        }
        return true
    }

    mutating func allowReadOnly(_ toolCallId: String) { executing.insert(toolCallId) }

    func isExecuting(_ toolCallId: String) -> Bool { executing.contains(toolCallId) }

    /// Spends the approval of one write: true only when `toolCallId` was approved to write
    /// exactly these bytes (by digest) at exactly this path, and has not written them yet.
    mutating func consumeWrite(_ toolCallId: String, path: String, sha256: String) -> Bool {
        approvedWrites[toolCallId]?.remove(PlannedWrite(path: path, sha256: sha256)) != nil
    }

    /// The call reported its result: its approval is spent. False if it was not executing.
    mutating func finished(_ toolCallId: String) -> Bool {
        approvedWrites[toolCallId] = nil
        return executing.remove(toolCallId) != nil
    }

    /// The earliest pending expiry.
    var nextExpiry: AnyClock.Instant? { pending.values.map(\.expiresAt).min() }

    /// True when some pending approval has expired at `now`.
    func hasExpired(at now: AnyClock.Instant) -> Bool { pending.values.contains { $0.expiresAt <= now } }
}

import Foundation
import Synchronization

/// What the clients created and were told, to compare afterwards with what the service has:
/// every session that got a 201, every run that got a 202 (and how its stream ended), every
/// approval seen and every decision acknowledged, every file the service said it wrote.
final class Ledger: Sendable {
    struct RunEntry: Sendable {
        var sessionId: String
        /// The terminal event type the client's stream ended with (nil: it never saw one).
        var terminal: String?
        var reason: String?
        var code: String?
        /// Terminal events the client saw (exactly one is right).
        var terminalsSeen = 0
        var eventsSeen = 0
        var reconnects = 0
        var lostSeqs = 0
        var duplicateSeqs = 0
        var eventsAfterTerminal = 0
    }

    struct ApprovalEntry: Sendable {
        var sessionId: String
        var runId: String
        /// "approved" / "rejected" once the service acknowledged the decision.
        var decision: String?
    }

    struct FileEntry: Sendable, Hashable {
        var sessionId: String
        var path: String
        /// The exact bytes the file must have, when the client knows them.
        var content: String?
        /// A passage the file must contain (an approved resume edit).
        var mustContain: String?
    }

    struct State: Sendable {
        var sessions: [String] = []
        var runs: [String: RunEntry] = [:]
        var runOrder: [String] = []
        var approvals: [String: ApprovalEntry] = [:]
        var files: [String: FileEntry] = [:]  // key: session + path (the latest expectation wins)
    }

    private let state = Mutex(State())
    var snapshot: State { state.withLock { $0 } }

    func session(_ id: String) { state.withLock { $0.sessions.append(id) } }

    func runStarted(_ id: String, session: String) {
        state.withLock { state in
            guard state.runs[id] == nil else { return }
            state.runs[id] = RunEntry(sessionId: session)
            state.runOrder.append(id)
        }
    }

    func update(run id: String, _ change: (inout RunEntry) -> Void) {
        state.withLock { state in
            if var entry = state.runs[id] {
                change(&entry)
                state.runs[id] = entry
            }
        }
    }

    func approvalSeen(_ id: String, session: String, run: String) {
        state.withLock { state in
            if state.approvals[id] == nil { state.approvals[id] = ApprovalEntry(sessionId: session, runId: run) }
        }
    }

    func approvalDecided(_ id: String, _ decision: String) {
        state.withLock { $0.approvals[id]?.decision = decision }
    }

    func file(_ entry: FileEntry) {
        state.withLock { $0.files[entry.sessionId + "\u{0}" + entry.path] = entry }
    }

    /// Runs whose stream is still open (no terminal event yet), for the gateway-kill census.
    var runsInFlight: [String] {
        state.withLock { state in state.runOrder.filter { state.runs[$0]?.terminal == nil } }
    }
}

import IPC
import Store

/// Applies the contract's workflow (``Workflow``) to stored sessions: every state change goes
/// through here, atomically with its history row and the run that caused it.
struct SessionWorkflow: Sendable {
    let store: Store

    /// What happened to the session.
    struct Applied: Sendable {
        let session: SessionRecord
        /// The move, if the state changed (`state_changed` events report it).
        let moved: (from: SessionState, to: SessionState)?
    }

    /// Applies `action` to the session (or refuses it with 409 `invalid_state_transition`).
    @discardableResult
    func apply(
        _ action: WorkflowAction, sessionId: String, runId: String? = nil, cause: String? = nil,
        update: @escaping @Sendable (inout SessionRecord) -> Void = { _ in }
    ) async throws -> Applied {
        do {
            let result = try await store.apply(
                sessionId: sessionId, runId: runId, cause: cause ?? action.rawValue,
                outcome: { Workflow.outcome(of: action, from: $0) }, update: update
            )
            return Applied(session: result.session, moved: result.moved)
        } catch StoreError.invalidTransition(let from, _) {
            throw APIError.invalidTransition(from: from, action: action)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    /// Refuses early, before any work, when `action` is not allowed in the session's state.
    static func check(_ action: WorkflowAction, in session: SessionRecord) throws {
        guard Workflow.outcome(of: action, from: session.state) != .refused else {
            throw APIError.invalidTransition(from: session.state, action: action)
        }
    }
}

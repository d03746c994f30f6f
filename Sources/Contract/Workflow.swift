/// The session state machine: one table of rules, read by the gateway (to allow or refuse a
/// request), served to clients at `GET /api/v1/workflow` (the web UI enables its steps from
/// it), and printed in the OpenAPI description.
public enum Workflow {
    /// One rule: from these states the action moves the session to `to` (`nil`: it stays).
    public struct Rule: Sendable, Equatable {
        public let action: WorkflowAction
        public let from: Set<SessionState>
        public let to: SessionState?

        public init(_ action: WorkflowAction, from: Set<SessionState>, to: SessionState?) {
            self.action = action
            self.from = from
            self.to = to
        }
    }

    private static let open: Set<SessionState> = Set(SessionState.journey)
    private static let analysed: Set<SessionState> = [.gapAnalyzed, .rewriteApplied, .exported]

    /// Every rule. An action with no rule matching the current state is refused.
    /// Re-doing an earlier step is allowed where it makes sense to a person: a new resume or a
    /// new job description moves the session back to that step; analysing, rewriting and
    /// exporting again keep the later state.
    public static let rules: [Rule] = [
        Rule(.uploadResume, from: open, to: .resumeUploaded),
        Rule(.correctResume, from: [.resumeUploaded, .jdProvided], to: nil),
        Rule(.provideJobDescription, from: open.subtracting([.draft]), to: .jdProvided),
        Rule(.analyze, from: [.jdProvided], to: .gapAnalyzed),
        Rule(.analyze, from: analysed, to: nil),
        Rule(.rewrite, from: analysed, to: .rewriteApplied),
        Rule(.restoreVersion, from: analysed, to: .rewriteApplied),
        Rule(.restoreVersion, from: [.resumeUploaded, .jdProvided], to: nil),
        Rule(.export, from: [.rewriteApplied, .exported], to: .exported),
        Rule(.startRun, from: open, to: nil),
        Rule(.uploadFile, from: open, to: nil),
        Rule(.cancel, from: open, to: .cancelled),
    ]

    /// What `action` does to a session that is `from`.
    public static func outcome(of action: WorkflowAction, from state: SessionState) -> WorkflowOutcome {
        guard let rule = rules.first(where: { $0.action == action && $0.from.contains(state) }) else { return .refused }
        return rule.to.map { .moves(to: $0) } ?? .stays
    }

    /// The state `action` aims at, for error messages ("cannot go to X from Y").
    public static func target(of action: WorkflowAction) -> SessionState? {
        rules.first { $0.action == action && $0.to != nil }?.to
    }

    /// The actions allowed from `state`, in declaration order.
    public static func allowedActions(from state: SessionState) -> [WorkflowAction] {
        WorkflowAction.allCases.filter { outcome(of: $0, from: state) != .refused }
    }
}

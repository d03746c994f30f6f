/// Everything a person (or a run) can do to a session that the workflow constrains. Each has
/// one rule in ``Workflow/rules``; the gateway asks ``Workflow/outcome(of:from:)`` and never
/// keeps its own lists of states.
public enum WorkflowAction: String, Sendable, Codable, CaseIterable, Hashable {
    /// `POST …/resume`: a new resume (re-doing step 1 moves the session back to it).
    case uploadResume = "upload_resume"
    /// `PUT …/resume/text`: the person corrects the text read from their upload (step 1's
    /// review). It becomes both `resume.md` and `resume.original.md`, the truth later rewrites
    /// are checked against, so it is allowed only before anything was analysed or rewritten.
    case correctResume = "correct_resume"
    /// `POST …/jd`: a new job description.
    case provideJobDescription = "provide_jd"
    /// A run wrote `analysis/gap.json`.
    case analyze
    /// An approved tool call changed `resume.md`.
    case rewrite
    /// `POST …/versions/{n}/restore`: an earlier `resume.md` made current again.
    case restoreVersion = "restore_version"
    /// `POST …/export`.
    case export
    /// `POST …/messages`: start a run.
    case startRun = "start_run"
    /// `POST …/files/upload`: an extra file in the workspace.
    case uploadFile = "upload_file"
    /// `POST …/cancel`.
    case cancel
}

/// What an action does to a session in a given state.
public enum WorkflowOutcome: Sendable, Equatable {
    /// Allowed; the session moves to this state (stored atomically with the run that caused it).
    case moves(to: SessionState)
    /// Allowed; the state stays as it is (e.g. re-analysing after a rewrite).
    case stays
    /// Not allowed from here: 409 `invalid_state_transition`.
    case refused
}

import Foundation

/// Everything one profile does: the kind of load, its size and pacing, the model's timing,
/// the service's pool, and the chaos to inject. Profiles are presets; every field can be
/// overridden from the command line.
struct LoadPlan: Sendable {
    enum Kind: String, Sendable {
        /// Virtual users doing complete journeys (smoke, target, chaos-short, storm).
        case journeys
        /// N users sending messages back to back on prepared sessions (peak64).
        case peak
        /// One long run, one and ten subscribers (events).
        case events
        /// Interrupt a streaming run; time until its stream closes.
        case interrupt
        /// Approve a proposed write; time until the run finishes.
        case approve
    }

    var name: String
    var kind: Kind
    var users = 10
    var rampSeconds = 2.0
    var durationSeconds = 20.0
    /// Think time between a user's steps, ms (uniform).
    var thinkMs: ClosedRange<Int> = 200...800
    /// Pause before deciding an approval, ms (uniform).
    var decisionMs: ClosedRange<Int> = 50...200
    /// Most runs streaming at once (all users together).
    var runSlots = 64
    var messagesPerJourney = 4
    /// Users get a prepared session (resume and JD) before the window and only chat during it,
    /// so that runs stream throughout (the storm: uploads would only wait for workers).
    var chatOnly = false
    /// Chat messages that make the model propose a note (write_file) needing approval.
    var noteProbability = 0.3
    /// Of those, the share the user rejects.
    var rejectProbability = 0.3
    /// A run a chaos kill failed is sent this many times in all.
    var resendAttempts = 3
    /// The model's defaults for this profile's messages (TTFT, tokens/s, tokens).
    var model = ModelDirective(ttftMs: 0, tokensPerSecond: 0, tokens: 50)
    /// Iterations of a micro-profile (interrupt, approve).
    var iterations = 20
    /// Warm-up before the measured window (peak).
    var warmupSeconds = 3.0
    /// `serve --workers` / `--max-workers`; nil keeps the service's defaults.
    var workers: Int?
    var maxWorkers: Int?
    var chaos: ChaosPlan?
    /// The service's run timeout, s (RESUME_AGENT_RUN_TIMEOUT_S).
    var runTimeoutSeconds = 600

    /// The goals this profile's figures are compared with (informational).
    var goals: [Goal] = []
}

/// What chaos to inject during a profile's load window.
struct ChaosPlan: Sendable {
    /// SIGKILL a random worker this often (nil: never).
    var workerKillEvery: Duration? = .milliseconds(500)
    /// SIGKILL the gateway this many times, evenly spread over the window.
    var gatewayKills = 3
    /// When worker kills start and stop, as offsets into the window (nil: the whole window).
    var workerKillWindow: (start: Double, end: Double)?
    /// A storm: besides the standard checks, measure how long full capacity takes to return.
    var storm = false
    /// Poll /readyz during the storm.
    var probeReadiness = false
    /// Requests may fail for good (a storm leaves no worker for minutes): reported, not a
    /// verification. Data integrity is verified all the same.
    var requestsMayFail = false
}

/// A target from the issue, compared with a measured figure (never affects the exit code).
struct Goal: Sendable {
    enum Comparison: Sendable { case atMost, atLeast }
    let figure: String
    let comparison: Comparison
    let target: Double
    let unit: String
}

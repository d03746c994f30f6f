/// The payloads of `IPCMessage`. Field names travel as snake_case (`run_id`).

/// Which process is speaking.
public enum ProcessRole: String, Codable, Sendable {
    case supervisor, gateway, worker
}

/// First frame on every connection, from the side that connected (or was spawned).
public struct Hello: Codable, Sendable, Equatable {
    public var protocolVersion: Int
    public var role: ProcessRole
    public var pid: Int32
    /// Workers: how many runs this process will serve before exiting (0 = no limit), so the
    /// gateway never hands a run to a worker that is about to exit.
    public var maxRuns: Int?
    /// Workers: which kind this is (absent: an agent worker).
    public var kind: WorkerKind?
    /// Workers: the confinement it is in, already (it says hello only once confined).
    public var sandbox: SandboxReport?
    /// Workers re-connecting after their gateway died: the run they still execute.
    public var heldRun: HeldRun?
    public init(
        protocolVersion: Int = IPCProtocol.version, role: ProcessRole, pid: Int32, maxRuns: Int? = nil, kind: WorkerKind? = nil,
        sandbox: SandboxReport? = nil, heldRun: HeldRun? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.role = role
        self.pid = pid
        self.maxRuns = maxRuns
        self.kind = kind
        self.sandbox = sandbox
        self.heldRun = heldRun
    }
}

/// Answer to `Hello`. `accepted == false` carries the reason, and the connection closes.
public struct HelloAck: Codable, Sendable, Equatable {
    public var protocolVersion: Int
    public var accepted: Bool
    public var reason: String?
    /// Set when the hello's `heldRun` was adopted; absent: the worker must abandon that run.
    public var adoption: RunAdoption?
    public init(protocolVersion: Int = IPCProtocol.version, accepted: Bool, reason: String? = nil, adoption: RunAdoption? = nil) {
        self.protocolVersion = protocolVersion
        self.accepted = accepted
        self.reason = reason
        self.adoption = adoption
    }
}

/// Supervisor → gateway health probe; also carries the supervisor's counters so the gateway
/// can publish them on `/metrics` (the gateway itself restarts, the supervisor does not).
public struct Ping: Codable, Sendable, Equatable {
    public var id: UInt64
    public var stats: SupervisorStats
    public init(id: UInt64, stats: SupervisorStats = .init()) {
        self.id = id
        self.stats = stats
    }
}

/// Counters owned by the supervisor.
public struct SupervisorStats: Codable, Sendable, Equatable {
    public var gatewayRestarts: Int
    public var workerRestarts: Int
    public var workersSpawned: Int
    public var workerCrashes: Int
    public init(gatewayRestarts: Int = 0, workerRestarts: Int = 0, workersSpawned: Int = 0, workerCrashes: Int = 0) {
        self.gatewayRestarts = gatewayRestarts
        self.workerRestarts = workerRestarts
        self.workersSpawned = workersSpawned
        self.workerCrashes = workerCrashes
    }
}

/// Gateway → supervisor answer to `Ping`. `healthy` is false when the gateway cannot reach
/// its store; the supervisor then withholds `WATCHDOG=1`.
public struct Pong: Codable, Sendable, Equatable {
    public var id: UInt64
    public var healthy: Bool
    public var pool: PoolStatus
    public init(id: UInt64, healthy: Bool, pool: PoolStatus) {
        self.id = id
        self.healthy = healthy
        self.pool = pool
    }
}

/// Gateway → supervisor: the HTTP listener and the worker socket are up.
public struct GatewayListening: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int
    public var workerSocketPath: String
    public init(host: String, port: Int, workerSocketPath: String) {
        self.host = host
        self.port = port
        self.workerSocketPath = workerSocketPath
    }
}

/// Gateway → supervisor: the workers it holds. Sent on every change and in every `Pong`.
public struct PoolStatus: Codable, Sendable, Equatable {
    /// Workers connected and waiting for a run.
    public var idlePids: [Int32]
    /// Workers running a run.
    public var busyPids: [Int32]
    /// Runs admitted and not yet ended (running or queued).
    public var activeRuns: Int
    public init(idlePids: [Int32] = [], busyPids: [Int32] = [], activeRuns: Int = 0) {
        self.idlePids = idlePids
        self.busyPids = busyPids
        self.activeRuns = activeRuns
    }
}

/// Supervisor → gateway: stop accepting, finish or interrupt runs within `deadlineMs`, exit 0.
public struct Drain: Codable, Sendable, Equatable {
    public var deadlineMs: Int
    public init(deadlineMs: Int) { self.deadlineMs = deadlineMs }
}

/// Gateway → worker: execute one run.
public struct RunStart: Codable, Sendable, Equatable {
    public var runId: String
    public var sessionId: String
    /// What to do: an agent turn or a document job (`input` on the wire).
    public var job: RunJob
    /// Files for the job, as open descriptors passed with this frame (an import's upload).
    public var inputs: PassedFiles
    /// The providers and their keys: agent runs only, and only ever over this frame.
    public var providerSetup: ProviderSetup?

    public init(runId: String, sessionId: String, job: RunJob, inputs: PassedFiles = PassedFiles(), providerSetup: ProviderSetup? = nil) {
        self.runId = runId
        self.sessionId = sessionId
        self.job = job
        self.inputs = inputs
        self.providerSetup = providerSetup
    }

    enum CodingKeys: String, CodingKey {
        case runId, sessionId, job = "input", inputs, providerSetup
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runId = try container.decode(String.self, forKey: .runId)
        sessionId = try container.decode(String.self, forKey: .sessionId)
        job = try container.decode(RunJob.self, forKey: .job)
        inputs = try container.decodeIfPresent(PassedFiles.self, forKey: .inputs) ?? PassedFiles()
        providerSetup = try container.decodeIfPresent(ProviderSetup.self, forKey: .providerSetup)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runId, forKey: .runId)
        try container.encode(sessionId, forKey: .sessionId)
        try container.encode(job, forKey: .job)
        if !inputs.isEmpty { try container.encode(inputs, forKey: .inputs) }
        try container.encodeIfPresent(providerSetup, forKey: .providerSetup)
    }
}

/// Worker → gateway: an agent run needs a document job done (its preview refreshed, an export
/// rendered). The agent worker cannot do it itself, it has no document libraries; the gateway
/// runs the job on a document worker and answers with ``DocumentJobResult``.
public struct DocumentJobRequest: Codable, Sendable, Equatable {
    public var runId: String
    public var requestId: Int
    /// One of the jobs an agent run may request (``RunJob/Kind/isRequestableByAgentRun``).
    public var job: RunJob
    public init(runId: String, requestId: Int, job: RunJob) {
        self.runId = runId
        self.requestId = requestId
        self.job = job
    }

    enum CodingKeys: String, CodingKey {
        case runId, requestId, job = "input"
    }
}

/// Gateway → worker: how the requested document job ended (its result, or why it failed).
public struct DocumentJobResult: Codable, Sendable, Equatable {
    public var runId: String
    public var requestId: Int
    public var end: RunEnd
    public init(runId: String, requestId: Int, end: RunEnd) {
        self.runId = runId
        self.requestId = requestId
        self.end = end
    }
}

/// Supervisor → gateway, right after the hello: the operator's provider keys, by provider name.
/// Only the supervisor keeps them in its environment; the gateway holds them in memory to hand
/// them to agent runs (``ProviderSetup``). Never printed.
public struct ProviderKeys: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var keys: [String: String]
    public init(keys: [String: String]) { self.keys = keys }
    public var description: String { "ProviderKeys(\(keys.keys.sorted()) <redacted>)" }
    public var debugDescription: String { description }
}

/// Supervisor → gateway: a worker process ended, and how (the gateway only saw its connection
/// close), so that a run or job it held can say why: a sandbox kill (SIGSYS) is not a crash of
/// the parser, and the person deserves to know which it was.
public struct WorkerExit: Codable, Sendable, Equatable {
    public var pid: Int32
    /// The exit code when it exited, nil when a signal ended it.
    public var code: Int32?
    public var signal: Int32?
    /// Ended by its seccomp filter (a forbidden system call).
    public var sandboxViolation: Bool
    public init(pid: Int32, code: Int32? = nil, signal: Int32? = nil, sandboxViolation: Bool = false) {
        self.pid = pid
        self.code = code
        self.signal = signal
        self.sandboxViolation = sandboxViolation
    }
}

/// Worker → gateway: something happened in a run. Only types a worker may report get
/// through (``EventType/isReportedByWorker``); the gateway assigns `seq`, persists the event
/// and only then publishes it; a worker never writes an event itself.
public struct RunEvent: Codable, Sendable, Equatable {
    public var runId: String
    public var kind: EventType
    public var payload: JSONValue
    /// The worker's own 1-based, gapless number for this frame within the run, so a frame
    /// replayed after a gateway restart is recognised and applied once (absent: not numbered).
    public var wseq: Int?
    public init(runId: String, kind: EventType, payload: JSONValue, wseq: Int? = nil) {
        self.runId = runId
        self.kind = kind
        self.payload = payload
        self.wseq = wseq
    }
}

/// Worker → gateway: the run is over from the worker's point of view. The gateway decides
/// the terminal event (it may already have interrupted the run).
public struct RunEnd: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case completed, failed, cancelled
        /// An agent run stopped to wait for a person: its state is in `checkpoint`, and the
        /// gateway continues it on a fresh worker once the decision is made.
        case suspended
    }

    /// Why a run or job failed, in the contract's terms.
    public struct Failure: Codable, Sendable, Equatable, Error {
        public enum Kind: String, Codable, Sendable {
            /// The input was at fault (a corrupt upload, an unreachable page): the gateway
            /// answers `status` (4xx) with `code`.
            case invalidInput = "invalid_input"
            /// The model provider failed (`run_failed` reason `provider_error`).
            case providerError = "provider_error"
            /// Ours (a bug, a missing resource): never blamed on the user.
            case `internal`
        }
        public var kind: Kind
        /// A stable snake_case code (`pdf_no_text`, `fetch_failed`, `provider_error`).
        public var code: String
        /// A sentence a person can act on.
        public var message: String
        /// The HTTP status a job's failure maps to.
        public var status: Int?

        public init(kind: Kind, code: String, message: String, status: Int? = nil) {
            self.kind = kind
            self.code = code
            self.message = message
            self.status = status
        }
    }

    public var runId: String
    public var outcome: Outcome
    public var failure: Failure?
    /// What a document job produced: its request type's `Result`, encoded (``result(as:)``).
    public var result: JSONValue?
    /// A suspended agent run's state, opaque to the gateway: it is kept and handed back in
    /// ``AgentTurnRequest/resume``.
    public var checkpoint: JSONValue?

    public init(runId: String, outcome: Outcome, failure: Failure? = nil, result: JSONValue? = nil, checkpoint: JSONValue? = nil) {
        self.runId = runId
        self.outcome = outcome
        self.failure = failure
        self.result = result
        self.checkpoint = checkpoint
    }

    /// A completed job carrying `result`.
    public static func completed(runId: String, result: some Encodable) throws -> RunEnd {
        RunEnd(runId: runId, outcome: .completed, result: try JSONValue(encoding: result))
    }

    /// The job's result decoded as `type` (nil when there is none or it does not fit).
    public func result<T: Decodable>(as type: T.Type) -> T? {
        guard let result else { return nil }
        return try? result.decode(as: type)
    }
}

/// Gateway → worker: stop the run now. The gateway kills the worker if it does not obey.
public struct Cancel: Codable, Sendable, Equatable {
    public var runId: String
    public var reason: String
    public init(runId: String, reason: String) {
        self.runId = runId
        self.reason = reason
    }
}

/// Either side: the peer did something wrong; the sender closes after this.
public struct Fault: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

// MARK: Tools, approvals and the workspace (a run's conversation with the gateway)

/// Worker → gateway: the model wants to call a tool. The gateway counts the step, applies
/// the repeated-call guard, records `tool_call_proposed` and, when `requiresApproval`, holds
/// the call until a person (or auto-approve) decides. Nothing runs before `ToolDecision`.
public struct ToolCall: Codable, Sendable, Equatable {
    public var runId: String
    public var toolCallId: String
    public var tool: String
    public var arguments: JSONValue
    public var requiresApproval: Bool
    /// Unified diff of the change, for write tools.
    public var diff: String?
    /// Truthfulness flags: claims with no support in the original resume. A flagged call is
    /// never auto-approved.
    public var truthFlags: [JSONValue]
    /// What the call will write if approved: each path with the SHA-256 of its new content.
    /// An approval covers exactly these writes, once each; the gateway refuses anything else.
    public var writes: [PlannedWrite]
    /// Worker-numbered frame (see ``RunEvent/wseq``).
    public var wseq: Int?
    public init(
        runId: String, toolCallId: String, tool: String, arguments: JSONValue, requiresApproval: Bool,
        diff: String? = nil, truthFlags: [JSONValue] = [], writes: [PlannedWrite] = [], wseq: Int? = nil
    ) {
        self.wseq = wseq
        self.runId = runId
        self.toolCallId = toolCallId
        self.tool = tool
        self.arguments = arguments
        self.requiresApproval = requiresApproval
        self.diff = diff
        self.truthFlags = truthFlags
        self.writes = writes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runId = try container.decode(String.self, forKey: .runId)
        toolCallId = try container.decode(String.self, forKey: .toolCallId)
        tool = try container.decode(String.self, forKey: .tool)
        arguments = try container.decode(JSONValue.self, forKey: .arguments)
        requiresApproval = try container.decode(Bool.self, forKey: .requiresApproval)
        diff = try container.decodeIfPresent(String.self, forKey: .diff)
        truthFlags = try container.decodeIfPresent([JSONValue].self, forKey: .truthFlags) ?? []
        writes = try container.decodeIfPresent([PlannedWrite].self, forKey: .writes) ?? []
        wseq = try container.decodeIfPresent(Int.self, forKey: .wseq)
    }
}

/// One write a tool call will make: the workspace path and the SHA-256 (hex) of the bytes.
public struct PlannedWrite: Codable, Sendable, Equatable, Hashable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Gateway → worker: whether a proposed tool call may run.
public struct ToolDecision: Codable, Sendable, Equatable {
    public var runId: String
    public var toolCallId: String
    public var approved: Bool
    /// `policy` also when the gateway refused it itself (an invalid path, a reused call id).
    public var by: Decider
    public var reason: String?
    /// A person decides, later: the worker saves the run (``RunEnd/Outcome/suspended``) and
    /// ends, so no process is held while someone reads a diff. `approved` is false.
    public var deferred: Bool
    public init(runId: String, toolCallId: String, approved: Bool, by: Decider, reason: String? = nil, deferred: Bool = false) {
        self.runId = runId
        self.toolCallId = toolCallId
        self.approved = approved
        self.by = by
        self.reason = reason
        self.deferred = deferred
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runId = try container.decode(String.self, forKey: .runId)
        toolCallId = try container.decode(String.self, forKey: .toolCallId)
        approved = try container.decode(Bool.self, forKey: .approved)
        by = try container.decode(Decider.self, forKey: .by)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        deferred = try container.decodeIfPresent(Bool.self, forKey: .deferred) ?? false
    }
}

/// Worker → gateway: what an approved (or read-only) tool call did. Never sent for a
/// rejected call, which does not execute.
public struct ToolResult: Codable, Sendable, Equatable {
    public var runId: String
    public var toolCallId: String
    public var tool: String
    public var ok: Bool
    public var summary: String
    /// Worker-numbered frame (see ``RunEvent/wseq``).
    public var wseq: Int?
    public init(runId: String, toolCallId: String, tool: String, ok: Bool, summary: String, wseq: Int? = nil) {
        self.wseq = wseq
        self.runId = runId
        self.toolCallId = toolCallId
        self.tool = tool
        self.ok = ok
        self.summary = summary
    }
}

/// Worker → gateway: a workspace operation on behalf of a tool call. The gateway checks the
/// path, that a write belongs to an approved call, versions and audits it.
public struct WorkspaceRequest: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable {
        case read, write, list
    }
    public var runId: String
    public var requestId: Int
    public var toolCallId: String?
    public var operation: Operation
    public var path: String
    /// UTF-8 text for writes (binary artifacts travel base64 with `base64: true`).
    public var content: String?
    public var base64: Bool
    /// Worker-numbered frame (see ``RunEvent/wseq``).
    public var wseq: Int?
    public init(
        runId: String, requestId: Int, toolCallId: String?, operation: Operation, path: String,
        content: String? = nil, base64: Bool = false, wseq: Int? = nil
    ) {
        self.wseq = wseq
        self.runId = runId
        self.requestId = requestId
        self.toolCallId = toolCallId
        self.operation = operation
        self.path = path
        self.content = content
        self.base64 = base64
    }
}

/// Gateway → worker: the answer to a `WorkspaceRequest`.
public struct WorkspaceResponse: Codable, Sendable, Equatable {
    public var runId: String
    public var requestId: Int
    public var ok: Bool
    public var content: String?
    public var files: [WorkspaceFile]?
    public var error: Fault?
    public init(runId: String, requestId: Int, ok: Bool, content: String? = nil, files: [WorkspaceFile]? = nil, error: Fault? = nil) {
        self.runId = runId
        self.requestId = requestId
        self.ok = ok
        self.content = content
        self.files = files
        self.error = error
    }
}

/// A file in a session workspace.
public struct WorkspaceFile: Codable, Sendable, Equatable {
    public var path: String
    public var size: Int
    public var contentType: String
    public init(path: String, size: Int, contentType: String) {
        self.path = path
        self.size = size
        self.contentType = contentType
    }
}

/// Worker → gateway: tokens used by one provider call. The gateway prices them (a worker is
/// never trusted with the money), adds them to the run and session and enforces the cap.
public struct UsageReport: Codable, Sendable, Equatable {
    public var runId: String
    public var provider: String
    public var model: String
    public var inputTokens: Int
    public var outputTokens: Int
    /// Worker-numbered frame (see ``RunEvent/wseq``).
    public var wseq: Int?
    public init(runId: String, provider: String, model: String, inputTokens: Int, outputTokens: Int, wseq: Int? = nil) {
        self.wseq = wseq
        self.runId = runId
        self.provider = provider
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

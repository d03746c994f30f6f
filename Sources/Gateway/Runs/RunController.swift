import Foundation
import IPC
import Logging
import Store

/// Why a run was stopped by the gateway (the contract's `run_interrupted` reasons).
public enum InterruptReason: String, Sendable {
    case user, timeout, costCap = "cost_cap", stepLimit = "step_limit", repeatedCall = "repeated_call"
    case approvalTimeout = "approval_timeout", shutdown
}

/// One live run, seen from the gateway: it numbers and persists every event before anyone
/// sees it, enforces the run's budgets, holds its approvals, answers the worker's tool and
/// workspace requests, and writes exactly one terminal event, whatever happens.
actor RunController {
    let runId: String
    let sessionId: String
    let store: Store
    let pool: WorkerPool
    let workspace: Workspace
    let limits: RunLimits
    let pricing: ProviderPricing
    let logger: Logger

    // Event numbering and delivery
    private var seq = 0
    private var pending: [EventRecord] = []
    private var pendingTerminal: (status: String, reason: String?)?
    private var persistedSeq = 0
    private var subscribers: [Int: AsyncStream<EventRecord>.Continuation] = [:]
    private var nextSubscriber = 0
    private var terminalQueued = false
    private(set) var finished = false
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []

    // Budgets
    private var steps = 0
    private var lastCall: (signature: String, count: Int)?
    private var activeRemaining: Duration
    private var activeSince: ContinuousClock.Instant?
    private var timeoutTask: Task<Void, Never>?
    private var killTask: Task<Void, Never>?
    private var workerEnded = false

    // Tools and approvals
    private var pendingApprovals: [String: String] = [:]  // approval id → tool call id
    private var approvalTimers: [String: Task<Void, Never>] = [:]
    private var executing: Set<String> = []
    private var approvedWrites: Set<String> = []
    private var seenToolCalls: Set<String> = []
    private var proposedApprovals: Set<String> = []
    private var earlyDecisions: [String: ApprovalRecord] = [:]
    /// Models already reported as unpriced (one warning per run, not one per turn).
    private var unpricedModels: Set<String> = []

    init(
        runId: String, sessionId: String, store: Store, pool: WorkerPool, workspace: Workspace, limits: RunLimits,
        pricing: ProviderPricing, logger: Logger
    ) {
        self.runId = runId
        self.sessionId = sessionId
        self.store = store
        self.pool = pool
        self.workspace = workspace
        self.limits = limits
        self.pricing = pricing
        var logger = logger
        logger[metadataKey: "run.id"] = "\(runId)"
        logger[metadataKey: "session.id"] = "\(sessionId)"
        self.logger = logger
        self.activeRemaining = limits.runTimeout
    }

    // MARK: Events

    /// Numbers an event and queues it; the flusher persists, then publishes it. Callers do
    /// not wait for the disk: while one batch is being written, later events queue and go in
    /// the next transaction (group commit), in order, and nothing is published unpersisted.
    func emit(_ type: String, _ payload: JSONValue) async {
        guard !terminalQueued else { return }
        enqueue(type, payload)
        startFlusher()
    }

    private var flusher: Task<Void, Never>?

    /// One flusher at a time; it ends when the queue is empty (checked and cleared in the same
    /// actor turn, so an event queued later always starts a new one).
    private func startFlusher() {
        guard flusher == nil else { return }
        flusher = Task {
            await self.flush()
            self.flusher = nil
        }
    }

    /// Waits until everything queued so far is persisted and published.
    private func drainQueue() async {
        startFlusher()
        while let running = flusher {
            await running.value
        }
    }

    private func enqueue(_ type: String, _ payload: JSONValue) {
        seq += 1
        let data = (try? JSONEncoder.compact.encode(payload)) ?? Data("{}".utf8)
        pending.append(EventRecord(
            id: Identifier.make("evt"), runId: runId, sessionId: sessionId, seq: seq, type: type, ts: Timestamp.now(),
            payload: String(decoding: data, as: UTF8.self)
        ))
    }

    private func flush() async {
        var failures = 0
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            let terminal = batch.last?.isTerminal == true ? pendingTerminal : nil
            do {
                // Persisting must not depend on who asked: a timer that interrupts the run
                // cancels itself, and a client that disconnects cancels its request, but the
                // events still have to be written. The write runs in its own (awaited) task.
                let store = self.store
                try await Task.detached { try await store.append(batch, terminal: terminal) }.value
            } catch {
                // Nothing unpersisted is ever published. Retry a few times (a busy or briefly
                // full disk); then give up on this batch but never leave waiters hanging: the
                // next start's recovery writes the terminal event that could not be written.
                failures += 1
                logger.error("cannot persist events", metadata: ["error": "\(error)", "count": "\(batch.count)", "attempt": "\(failures)"])
                if failures < 5 {
                    pending.insert(contentsOf: batch, at: 0)
                    try? await Task.sleep(for: .milliseconds(100 * failures))
                    continue
                }
                failures = 0
                if terminal != nil { completeFinish() }
                continue
            }
            failures = 0
            persistedSeq = batch.last!.seq
            for event in batch {
                for subscriber in subscribers.values { subscriber.yield(event) }
            }
            if terminal != nil { completeFinish() }
        }
    }

    /// Live events after the snapshot returned with them (the caller replays up to it from
    /// the store first). Nil when the run is already over: replay from the store only.
    func subscribe() -> (snapshot: Int, events: AsyncStream<EventRecord>)? {
        guard !finished else { return nil }
        let (stream, continuation) = AsyncStream<EventRecord>.makeStream()
        nextSubscriber += 1
        let id = nextSubscriber
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return (persistedSeq, stream)
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    /// Waits until the terminal event is persisted.
    func waitUntilFinished() async {
        guard !finished else { return }
        await withCheckedContinuation { finishWaiters.append($0) }
    }

    // MARK: Start and end

    func start(provider: String, model: String) async {
        await emit("run_started", ["provider": .string(provider), "model": .string(model)])
        try? await store.markRunning(runId: runId, provider: provider, model: model)
        resumeClock()
    }

    /// Writes the terminal event (once) and tears the run down.
    private func finish(_ type: String, status: String, reason: String?, payload: JSONValue) async {
        guard !terminalQueued else { return }
        enqueue(type, payload)
        terminalQueued = true
        pendingTerminal = (status, reason)
        pauseClock()
        timeoutTask?.cancel()
        approvalTimers.values.forEach { $0.cancel() }
        approvalTimers.removeAll()
        // Whatever ended the run, its worker must not go on (it may be blocked on a decision
        // that will never come): cancel, then SIGKILL after the grace. No-op if it has ended.
        stopWorker(reason: reason ?? type)
        await drainQueue()
        let store = self.store, runId = self.runId
        try? await Task.detached { try await store.expirePendingApprovals(runId: runId) }.value
        logger.info("run ended", metadata: ["outcome": "\(type)", "reason": "\(reason ?? "")"])
    }

    private func completeFinish() {
        finished = true
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers.removeAll()
        finishWaiters.forEach { $0.resume() }
        finishWaiters.removeAll()
    }

    /// Stops the run: terminal event now, then `cancel` to the worker and SIGKILL after the
    /// grace if it has not ended by itself.
    func interrupt(_ reason: InterruptReason) async {
        guard !terminalQueued else { return }
        logger.info("interrupting run", metadata: ["reason": "\(reason.rawValue)"])
        await finish("run_interrupted", status: "interrupted", reason: reason.rawValue, payload: ["reason": .string(reason.rawValue)])
    }

    private var stopping = false

    private func stopWorker(reason: String) {
        guard !workerEnded, !stopping else { return }
        stopping = true
        let pool = self.pool, runId = self.runId, grace = limits.killGrace
        Task { await pool.cancel(runId: runId, reason: reason) }
        killTask = Task { [weak self] in
            try? await Task.sleep(for: grace)
            guard !Task.isCancelled, let self, await !self.workerEnded else { return }
            await pool.kill(runId: runId)
        }
    }

    /// Ends the run with `run_failed` (e.g. it could not be dispatched).
    func fail(reason: String, code: String, message: String) async {
        await finish("run_failed", status: "failed", reason: reason, payload: [
            "reason": .string(reason), "error": ["code": .string(code), "message": .string(message)],
        ])
    }

    // MARK: The worker's side of the run

    /// Handles everything the worker sends until its run ends.
    func pump(_ messages: AsyncStream<WorkerRunMessage>) async {
        // Interrupted (or timed out) while it waited for a worker: stop the one it just got.
        if terminalQueued { stopping = false; stopWorker(reason: "ended") }
        for await message in messages {
            await handle(message)
        }
        workerEnded = true
        killTask?.cancel()
        if !terminalQueued {
            await fail(reason: "worker_crashed", code: "worker_crashed", message: "The worker running this request stopped unexpectedly.")
        }
    }

    private func handle(_ message: WorkerRunMessage) async {
        switch message {
        case .event(let event):
            // Only the gateway speaks for the run's lifecycle, tools and approvals.
            // Kinds are written raw into the SSE frame, so only plain names get through.
            guard !event.kind.hasPrefix("run_"), !event.kind.hasPrefix("tool_"), event.kind.count <= 40,
                  event.kind.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) else {
                return logger.warning("dropped event with a reserved or invalid kind")
            }
            await emit(event.kind, event.payload)
        case .end(let end):
            workerEnded = true
            killTask?.cancel()
            await workerFinished(end)
        case .workerLost:
            workerEnded = true
            killTask?.cancel()
            await fail(reason: "worker_crashed", code: "worker_crashed", message: "The worker running this request stopped unexpectedly.")
        case .request(let request):
            await handleRequest(request)
        }
    }

    private func workerFinished(_ end: RunEnd) async {
        switch end.outcome {
        case .completed:
            let run = try? await store.run(id: runId, sessionId: sessionId)
            await finish("run_completed", status: "completed", reason: nil, payload: ["usage": [
                "input_tokens": .number(Double(run?.inputTokens ?? 0)),
                "output_tokens": .number(Double(run?.outputTokens ?? 0)),
                "cost_usd": .number(run?.costUsd ?? 0),
            ]])
        case .failed:
            let reason = end.reason == "provider_error" ? "provider_error" : "internal"
            await fail(reason: reason, code: reason, message: end.error ?? "The run failed.")
        case .cancelled:
            await interrupt(.user)
        }
    }

    private func handleRequest(_ request: IPCMessage) async {
        guard !terminalQueued else { return }
        switch request {
        case .toolCall(let call): await toolCall(call)
        case .toolResult(let result): await toolResult(result)
        case .workspaceRequest(let workspaceRequest): await workspaceOperation(workspaceRequest)
        case .usage(let usage): await usageReported(usage)
        default: logger.warning("unexpected frame in run", metadata: ["type": "\(request.kind.rawValue)"])
        }
    }

    // MARK: Tools and approvals

    private func toolCall(_ call: ToolCall) async {
        // A tool call id names one call: a worker may not re-propose an approved one to write
        // again without a new approval.
        guard seenToolCalls.insert(call.toolCallId).inserted else {
            logger.warning("tool call id reused; refused", metadata: ["tool_call_id": "\(call.toolCallId)"])
            return await sendToWorker(.toolDecision(ToolDecision(
                runId: runId, toolCallId: call.toolCallId, approved: false, by: "policy", reason: "tool call id already used"
            )))
        }
        steps += 1
        if steps > limits.maxSteps { return await interrupt(.stepLimit) }
        let signature = call.tool + "|" + (String(data: (try? JSONEncoder.sorted.encode(call.arguments)) ?? Data(), encoding: .utf8) ?? "")
        if let last = lastCall, last.signature == signature {
            lastCall = (signature, last.count + 1)
        } else {
            lastCall = (signature, 1)
        }
        if let last = lastCall, last.count >= limits.repeatedCallLimit { return await interrupt(.repeatedCall) }

        var payload: [String: JSONValue] = [
            "tool_call_id": .string(call.toolCallId), "tool": .string(call.tool), "arguments": call.arguments,
            "requires_approval": .bool(call.requiresApproval), "approval_id": .null,
        ]
        if let diff = call.diff { payload["diff"] = .string(diff) }
        payload["truth_flags"] = .array(call.truthFlags)
        guard call.requiresApproval else {
            await emit("tool_call_proposed", .object(payload))
            executing.insert(call.toolCallId)
            await sendToWorker(.toolDecision(ToolDecision(runId: runId, toolCallId: call.toolCallId, approved: true, by: "policy")))
            return
        }
        let approvalId = Identifier.make("apr")
        payload["approval_id"] = .string(approvalId)
        let approval = ApprovalRecord(
            id: approvalId, sessionId: sessionId, runId: runId, toolCallId: call.toolCallId, tool: call.tool,
            arguments: String(decoding: (try? JSONEncoder.compact.encode(call.arguments)) ?? Data("{}".utf8), as: UTF8.self),
            diff: call.diff,
            truthFlags: String(decoding: (try? JSONEncoder.compact.encode(call.truthFlags)) ?? Data("[]".utf8), as: UTF8.self),
            status: "pending", createdAt: Timestamp.now(), decidedAt: nil, decidedBy: nil, reason: nil
        )
        // Auto-approve applies only to edits with no truthfulness flag. Decide it, and set up
        // the wait, before the approval becomes visible: a person may decide the moment it is.
        let autoApprove = (try? await store.session(id: sessionId))?.autoApprove == true && call.truthFlags.isEmpty
        guard !terminalQueued else { return }
        if !autoApprove {
            pendingApprovals[approvalId] = call.toolCallId
            if pendingApprovals.count == 1 { pauseClock() }
            let expiry = limits.approvalExpiry
            approvalTimers[approvalId] = Task { [weak self] in
                try? await Task.sleep(for: expiry)
                guard !Task.isCancelled else { return }
                await self?.approvalExpired(approvalId)
            }
        }
        do {
            try await store.insert(approval)
        } catch {
            return await fail(reason: "internal", code: "store_error", message: "Could not record the approval.")
        }
        await emit("tool_call_proposed", .object(payload))
        proposedApprovals.insert(approvalId)
        if let early = earlyDecisions.removeValue(forKey: approvalId) {
            await approvalDecided(early)
        } else if autoApprove,
                  let decided = try? await store.decide(approvalId: approvalId, sessionId: sessionId, status: "approved", by: "auto", reason: nil) {
            await approvalDecided(decided)
        }
    }

    /// A decision recorded in the store (by a person, or auto) reaches the run.
    func approvalDecided(_ approval: ApprovalRecord) async {
        guard !terminalQueued else { return }
        // Decided between the row's commit and its proposal event: apply it right after.
        guard proposedApprovals.contains(approval.id) else {
            earlyDecisions[approval.id] = approval
            return
        }
        approvalTimers.removeValue(forKey: approval.id)?.cancel()
        if pendingApprovals.removeValue(forKey: approval.id) != nil, pendingApprovals.isEmpty { resumeClock() }
        let approved = approval.status == "approved"
        if approved {
            executing.insert(approval.toolCallId)
            approvedWrites.insert(approval.toolCallId)
            await emit("tool_call_approved", [
                "tool_call_id": .string(approval.toolCallId), "approval_id": .string(approval.id),
                "by": .string(approval.decidedBy ?? "user"),
            ])
        } else {
            await emit("tool_call_rejected", [
                "tool_call_id": .string(approval.toolCallId), "approval_id": .string(approval.id),
                "reason": .string(approval.reason ?? "rejected by the user"),
            ])
        }
        await sendToWorker(.toolDecision(ToolDecision(
            runId: runId, toolCallId: approval.toolCallId, approved: approved,
            by: approval.decidedBy ?? "user", reason: approval.reason
        )))
    }

    private func approvalExpired(_ approvalId: String) async {
        guard pendingApprovals[approvalId] != nil else { return }
        await interrupt(.approvalTimeout)
    }

    private func toolResult(_ result: ToolResult) async {
        approvedWrites.remove(result.toolCallId)  // an approval covers one execution
        guard executing.remove(result.toolCallId) != nil else {
            return logger.warning("tool result for a call that is not executing", metadata: ["tool_call_id": "\(result.toolCallId)"])
        }
        await emit("tool_result", [
            "tool_call_id": .string(result.toolCallId), "tool": .string(result.tool), "ok": .bool(result.ok),
            "summary": .string(result.summary),
        ])
    }

    // MARK: Workspace on behalf of the worker

    private func workspaceOperation(_ request: WorkspaceRequest) async {
        let response: WorkspaceResponse
        do {
            response = try await perform(request)
        } catch let failure as WorkspaceRefusal {
            response = WorkspaceResponse(runId: runId, requestId: request.requestId, ok: false, error: Fault(code: failure.code, message: failure.message))
        } catch {
            response = WorkspaceResponse(runId: runId, requestId: request.requestId, ok: false, error: Fault(code: "io_error", message: "\(error)"))
        }
        await sendToWorker(.workspaceResponse(response))
    }

    struct WorkspaceRefusal: Error {
        let code: String
        let message: String
    }

    private func perform(_ request: WorkspaceRequest) async throws -> WorkspaceResponse {
        switch request.operation {
        case .list:
            let files = try await store.files(sessionId: sessionId).map { WorkspaceFile(path: $0.path, size: $0.size, contentType: $0.contentType) }
            return WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true, files: files)
        case .read:
            let path = try validated(request.path)
            guard let data = readFile(path) else {
                throw WorkspaceRefusal(code: "not_found", message: "\(path) does not exist.")
            }
            if let text = String(data: data, encoding: .utf8) {
                return WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true, content: text)
            }
            return WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true, content: data.base64EncodedString())
        case .write:
            try await write(request, path: try validated(request.path))
            return WorkspaceResponse(runId: runId, requestId: request.requestId, ok: true)
        }
    }

    private func validated(_ raw: String) throws -> WorkspacePath {
        guard let path = try? WorkspacePath(raw) else {
            throw WorkspaceRefusal(code: "invalid_path", message: "'\(raw.prefix(200))' is not a valid workspace path.")
        }
        return path
    }

    private func readFile(_ path: WorkspacePath) -> Data? {
        try? workspace.read(sessionId: sessionId, path: path)
    }

    private func write(_ request: WorkspaceRequest, path: WorkspacePath) async throws {
        guard let toolCallId = request.toolCallId, executing.contains(toolCallId) else {
            throw WorkspaceRefusal(code: "not_allowed", message: "Writes must belong to a tool call that is executing.")
        }
        let generated = ["analysis", "preview", "exports"].contains(path.folder ?? "")
        guard generated || approvedWrites.contains(toolCallId) else {
            throw WorkspaceRefusal(code: "approval_required", message: "Writing \(path) needs an approved tool call.")
        }
        guard let content = request.content,
              let data = request.base64 ? Data(base64Encoded: content) : Data(content.utf8) else {
            throw WorkspaceRefusal(code: "invalid_content", message: "The content could not be decoded.")
        }
        let before = try? await store.session(id: sessionId)
        if path.value == "resume.md" {
            // A rewrite only makes sense once there is an analysis to rewrite against.
            do {
                try await store.transition(sessionId: sessionId, to: "rewrite_applied", runId: runId, cause: "rewrite",
                                           allowed: { ["gap_analyzed", "rewrite_applied", "exported"].contains($0) })
            } catch StoreError.invalidTransition(let from, _) {
                throw WorkspaceRefusal(code: "invalid_state", message: "The resume cannot be rewritten while the session is '\(from)'.")
            }
        }
        let record = try await workspace.write(sessionId: sessionId, path: path, data: data, runId: runId, actor: "agent")
        if path.value == "analysis/gap.json" {
            _ = try? await store.transition(sessionId: sessionId, to: "gap_analyzed", runId: runId, cause: "analysis",
                                            allowed: { $0 == "jd_provided" })
        }
        await emit("file_changed", ["path": .string(path.value), "size": .number(Double(record.size)), "version": .number(Double(record.version))])
        if let after = try? await store.session(id: sessionId), let before, after.state != before.state {
            await emit("state_changed", ["from": .string(before.state), "to": .string(after.state)])
        }
    }

    // MARK: Usage and cost

    private func usageReported(_ usage: UsageReport) async {
        let cost = pricing.cost(model: usage.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens)
        if cost == nil, usage.provider != "local", unpricedModels.insert(usage.model).inserted {
            logger.warning("no price for model; counted as free", metadata: ["model": "\(usage.model)"])
        }
        guard let session = try? await store.addUsage(
            runId: runId, sessionId: sessionId, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: cost ?? 0
        ) else { return }
        await emit("usage_updated", [
            "provider": .string(usage.provider), "model": .string(usage.model),
            "input_tokens": .number(Double(usage.inputTokens)), "output_tokens": .number(Double(usage.outputTokens)),
            "cost_usd": .number(cost ?? 0),
            "session": [
                "input_tokens": .number(Double(session.inputTokens)), "output_tokens": .number(Double(session.outputTokens)),
                "cost_usd": .number(session.costUsd), "cost_cap_usd": .number(session.costCapUsd),
            ],
        ])
        if session.costUsd >= session.costCapUsd { await interrupt(.costCap) }
    }

    // MARK: The clock (time waiting for a person does not count)

    private func resumeClock() {
        guard activeSince == nil, !terminalQueued else { return }
        activeSince = .now
        let remaining = activeRemaining
        timeoutTask?.cancel()
        timeoutTask = Task { [weak self] in
            try? await Task.sleep(for: remaining)
            guard !Task.isCancelled else { return }
            await self?.interrupt(.timeout)
        }
    }

    private func pauseClock() {
        guard let since = activeSince else { return }
        activeRemaining -= ContinuousClock.now - since
        activeSince = nil
        timeoutTask?.cancel()
        timeoutTask = nil
    }

    private func sendToWorker(_ message: IPCMessage) async {
        await pool.send(runId: runId, message)
    }
}

extension JSONEncoder {
    static let compact: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

import Foundation
import IPC
import Logging
import ServiceSupport
import Store

/// One live run, seen from the gateway: it numbers every event and hands it to the event log
/// (persisted before anyone sees it), enforces the run's budgets (``RunBudget``), holds its
/// approvals (``ApprovalGate``), answers the worker's workspace requests
/// (``WorkspaceBroker``), and writes exactly one terminal event, whatever happens.
///
/// Its timers (hard timeout, approval expiries, the kill grace after `cancel`) are deadlines
/// on an injected clock, served by ``runDeadlines()`` inside the run's task group.
actor RunController {
    let runId: String
    let sessionId: String
    let store: Store
    let log: EventLog
    let pool: WorkerPool
    let limits: RunLimits
    let pricing: ProviderPricing
    let tenants: TenantGuard
    let clock: AnyClock
    let logger: Logger
    /// The job that started the run (kept with a suspension, so a restarted gateway can continue it).
    let job: RunJob?
    private let broker: WorkspaceBroker

    private var seq = 0
    /// The worker's numbered frames applied so far: a replay after a gateway restart applies
    /// each frame once (issue 13).
    private var frames = WorkerSeqGate()
    /// Whether the frame being handled has had its mark queued with one of its events.
    private var frameMarked = false
    /// Ids, timestamps and payload JSON of the run's events, made without per-event setup.
    private var encoder: RunEventEncoder
    /// Set once the terminal event is queued: nothing else is emitted after it.
    private var terminalQueued = false
    private var budget: RunBudget
    private var gate = ApprovalGate()
    private var workerEnded = false
    private var stopRequested = false
    private var killAt: AnyClock.Instant?
    private var closed = false
    private let deadlinesChanged = AsyncSignal()
    /// Models already reported as unpriced (one warning per run, not one per turn).
    private var unpricedModels: Set<String> = []
    private var sawOutput = false
    private var tenantName: String?
    private var waitingSince: [String: AnyClock.Instant] = [:]
    private var startedAt = AnyClock.Instant(offset: .zero)
    /// The call the worker was told to suspend for (a person decides it), and its approval.
    private var deferredCall: String?
    private var deferredApproval: String?
    private var deferredWrites: [PlannedWrite] = []
    /// The suspended run's saved state, while no worker holds it.
    private var checkpoint: JSONValue?
    /// The decision that continues the suspended run, once made.
    private var heldDecision: ToolDecision?
    private let resumable = AsyncSignal()

    init(
        runId: String, sessionId: String, store: Store, log: EventLog, pool: WorkerPool, workspace: Workspace,
        limits: RunLimits, pricing: ProviderPricing, tenants: TenantGuard, clock: AnyClock, logger: Logger, job: RunJob? = nil,
        persistedSeq: Int = 0
    ) {
        self.job = job
        self.tenants = tenants
        self.runId = runId
        self.sessionId = sessionId
        self.store = store
        self.log = log
        self.pool = pool
        self.limits = limits
        self.pricing = pricing
        self.clock = clock
        var logger = logger
        logger[metadataKey: "run.id"] = "\(runId)"
        logger[metadataKey: "session.id"] = "\(sessionId)"
        self.logger = logger
        budget = RunBudget(limits: limits)
        encoder = RunEventEncoder(runId: runId, sessionId: sessionId)
        broker = WorkspaceBroker(
            runId: runId, sessionId: sessionId, store: store, workspace: workspace, workflow: SessionWorkflow(store: store), tenants: tenants)
        log.open(runId: runId, persistedSeq: persistedSeq)
    }

    // MARK: Events

    /// Numbers an event and hands it to the log. Callers never wait for the disk; the log
    /// persists it, then publishes it.
    ///
    /// `frame`: the worker frame (wseq) whose handling this event completes; its mark travels
    /// with the event, in the same batch and transaction.
    private func emit(_ payload: EventPayload, terminalReason: String? = nil, frame wseq: Int? = nil) {
        guard !terminalQueued else { return }
        seq += 1
        log.append(encoder.record(seq: seq, payload), terminalReason: terminalReason, workerSeq: wseq)
        if payload.type.isTerminal { terminalQueued = true }
        if wseq != nil { frameMarked = true }
    }

    /// Several events of one worker frame, queued as one with the frame's mark.
    private func emit(_ payloads: [EventPayload], frame wseq: Int?) {
        guard let wseq else { return payloads.forEach { emit($0) } }
        var records: [EventRecord] = []
        for payload in payloads where !terminalQueued {
            seq += 1
            records.append(encoder.record(seq: seq, payload))
            if payload.type.isTerminal { terminalQueued = true }
        }
        guard !records.isEmpty else { return }
        log.append(contentsOf: records, workerSeq: wseq)
        frameMarked = true
    }

    /// Waits until the terminal event is persisted.
    func waitUntilFinished() async {
        await log.waitUntilEnded(runId: runId)
    }

    var hasEnded: Bool { terminalQueued }

    // MARK: Start and end

    func start(provider: String, model: String) async {
        startedAt = clock.now
        emit(.runStarted(provider: provider, model: model))
        try? await store.markRunning(runId: runId, provider: provider, model: model)
        budget.resume(at: clock.now)
        deadlinesChanged.raise()
    }

    /// Writes the terminal event (once) and tears the run down: its worker must not go on
    /// (it may be blocked on a decision that will never come), so it is asked to stop and
    /// SIGKILLed after the grace if it has not ended by itself.
    private func finish(_ payload: EventPayload, reason: String?) async {
        guard !terminalQueued else { return }
        emit(payload, terminalReason: reason)
        RunMetrics.ended(payload.type, reason: reason)
        budget.pause(at: clock.now)
        resumable.raise()  // a suspended run waits for nothing more
        if checkpoint != nil { try? await store.clearSuspension(runId: runId) }
        await stopWorker(reason: reason ?? payload.type.rawValue)
        logger.info("run ended", metadata: ["outcome": "\(payload.type.rawValue)", "reason": "\(reason ?? "")"])
    }

    /// Stops the run: terminal event now, then `cancel` to the worker and SIGKILL after the
    /// grace if it has not ended by itself.
    func interrupt(_ reason: InterruptReason) async {
        guard !terminalQueued else { return }
        logger.info("interrupting run", metadata: ["reason": "\(reason.rawValue)"])
        await finish(.runInterrupted(reason: reason), reason: reason.rawValue)
    }

    /// Ends the run with `run_failed`.
    func fail(_ reason: FailureReason, code: String, message: String) async {
        await finish(.runFailed(reason: reason, code: code, message: message), reason: reason.rawValue)
    }

    private func stopWorker(reason: String) async {
        guard !workerEnded, !stopRequested else { return }
        stopRequested = true
        killAt = clock.now.advanced(by: limits.killGrace)
        deadlinesChanged.raise()
        await pool.cancel(runId: runId, reason: reason)
    }

    /// The worker is gone (it ended its run, crashed, or was killed).
    private func workerGone() {
        workerEnded = true
        killAt = nil
        deadlinesChanged.raise()
    }

    /// Ends ``runDeadlines()``; the run's owner calls it once the run is over and its worker gone.
    func close() {
        closed = true
        deadlinesChanged.raise()
    }

    // MARK: The worker's side of the run

    /// Handles everything the worker sends until its run ends.
    func pump(_ messages: AsyncStream<WorkerRunMessage>) async {
        // Ended (interrupted, timed out) while it waited for a worker: stop the one it got.
        if terminalQueued {
            stopRequested = false
            await stopWorker(reason: "ended")
        }
        for await message in messages {
            await handle(message)
        }
        if !workerEnded { workerGone() }
        guard checkpoint == nil else { return }  // suspended: the worker was released on purpose
        await fail(.workerCrashed, code: "worker_crashed", message: "The worker running this request stopped unexpectedly.")
    }

    /// Waits while the run is suspended for a person's decision. Returns what continues it on
    /// a fresh worker once the decision is in; nil when the run is over (or never suspended).
    func resumption() async -> AgentTurnRequest.Resume? {
        while true {
            guard !terminalQueued, let saved = checkpoint else { return nil }
            if let decision = heldDecision {
                try? await store.clearSuspension(runId: runId)
                guard !terminalQueued else { return nil }
                checkpoint = nil
                heldDecision = nil
                deferredCall = nil
                deferredApproval = nil
                workerEnded = false
                stopRequested = false
                // The next worker numbers its frames from 1.
                frames = WorkerSeqGate()
                log.mark(runId: runId, workerSeq: 0)
                logger.info("resuming run on a new worker", metadata: ["tool_call_id": "\(decision.toolCallId)"])
                return AgentTurnRequest.Resume(checkpoint: saved, decision: decision)
            }
            await resumable.wait()
        }
    }

    /// True while no worker holds the run because it waits for a person.
    var isSuspended: Bool { checkpoint != nil }

    /// Takes up a run a previous gateway left suspended: same numbering, the same approval
    /// pending (its expiry counted from when it was proposed), no worker until the decision.
    func restore(suspension: SuspendedRunRecord, checkpoint saved: JSONValue, writes: [PlannedWrite], approval: ApprovalRecord, lastSeq: Int) {
        seq = lastSeq
        startedAt = clock.now
        workerEnded = true
        checkpoint = saved
        deferredCall = suspension.toolCallId
        deferredApproval = suspension.approvalId
        deferredWrites = writes
        _ = gate.firstUse(of: suspension.toolCallId)
        gate.plan(suspension.toolCallId, writes: writes)
        let waited = Timestamp.seconds(since: approval.createdAt) ?? 0
        let remaining = max(.zero, limits.approvalExpiry - .milliseconds(Int64(max(0, waited) * 1000)))
        gate.awaitDecision(approvalId: approval.id, toolCallId: suspension.toolCallId, expiresAt: clock.now.advanced(by: remaining))
        _ = gate.proposalPublished(approval.id)
        waitingSince[approval.id] = clock.now
        deadlinesChanged.raise()
    }

    /// Takes up a run a previous gateway left running, whose worker re-attached (issue 13):
    /// the same numbering, frames the store already holds (`workerSeq`) are not applied again,
    /// the hard timeout counts from the run's creation (a crash loop cannot extend a run) and
    /// the step budget from the tool calls already recorded.
    func adopt(lastSeq: Int, workerSeq: Int, createdAt: String, steps: Int) {
        seq = lastSeq
        frames = WorkerSeqGate(persisted: workerSeq)
        startedAt = clock.now
        sawOutput = true
        let elapsed = max(0, Timestamp.seconds(since: createdAt) ?? 0)
        budget.charge(elapsed: .milliseconds(Int64(elapsed * 1000)), steps: steps)
        budget.resume(at: clock.now)
        deadlinesChanged.raise()
    }

    /// The run never reached a worker (no capacity, draining): it ends here.
    func notDispatched(_ error: any Error) async {
        workerGone()
        switch error {
        case WorkerPoolError.shuttingDown:
            await interrupt(.shutdown)
        case WorkerPoolError.overloaded:
            await fail(.internal, code: "overloaded", message: "The server was too busy to start this run; try again.")
        default:
            await fail(.internal, code: "dispatch_failed", message: "The run could not be started.")
        }
    }

    /// Applies a worker frame once: a replayed duplicate is dropped, a gap (frames lost) ends
    /// the run, and once a numbered frame is fully applied its mark follows its events to disk.
    private func handle(_ message: WorkerRunMessage) async {
        let wseq = message.wseq
        switch frames.admit(wseq) {
        case .apply: break
        case .duplicate: return
        case .gap(let expected, let got):
            logger.error("worker frames missing; failing the run", metadata: ["expected_wseq": "\(expected)", "wseq": "\(got)"])
            return await fail(.workerCrashed, code: "worker_crashed", message: "The worker running this request stopped unexpectedly.")
        }
        frameMarked = false
        await apply(message, frame: wseq)
        // A frame that made no event (a read, a refused call) still moves the mark.
        if let wseq, !frameMarked { log.mark(runId: runId, workerSeq: wseq) }
    }

    private func apply(_ message: WorkerRunMessage, frame wseq: Int?) async {
        switch message {
        case .event(let event):
            // Only the gateway speaks for the run's lifecycle, tools, approvals and files.
            guard event.kind.isReportedByWorker, let text = event.payload["text"]?.stringValue else {
                return logger.warning("dropped an event a worker may not report", metadata: ["kind": "\(event.kind.rawValue)"])
            }
            if !sawOutput {
                sawOutput = true
                RunMetrics.firstOutput(after: startedAt.duration(to: clock.now))
            }
            emit(.assistantDelta(text: text), frame: wseq)
        case .end(let end):
            workerGone()
            await workerFinished(end)
        case .workerLost:
            workerGone()
            await fail(.workerCrashed, code: "worker_crashed", message: "The worker running this request stopped unexpectedly.")
        case .request(let request):
            guard !terminalQueued else { return }
            switch request {
            case .toolCall(let call): await toolCall(call, frame: wseq)
            case .toolResult(let result): toolResult(result, frame: wseq)
            case .workspaceRequest(let workspaceRequest): await workspaceOperation(workspaceRequest, frame: wseq)
            case .usage(let usage): await usageReported(usage, frame: wseq)
            default: logger.warning("unexpected frame in run", metadata: ["type": "\(request.kind.rawValue)"])
            }
        }
    }

    private func workerFinished(_ end: RunEnd) async {
        switch end.outcome {
        case .completed:
            let run = try? await store.run(id: runId, sessionId: sessionId)
            let usage = EventPayload.Usage(inputTokens: run?.inputTokens ?? 0, outputTokens: run?.outputTokens ?? 0, costUsd: run?.costUsd ?? 0)
            await finish(.runCompleted(usage: usage), reason: nil)
        case .failed:
            let reason: FailureReason = end.failure?.kind == .providerError ? .providerError : .internal
            await fail(reason, code: reason.rawValue, message: end.failure?.message ?? "The run failed.")
        case .cancelled:
            await interrupt(.user)
        case .suspended:
            guard let saved = end.checkpoint, let call = deferredCall, let approval = deferredApproval else {
                return await fail(.internal, code: "internal", message: "The run stopped without a state to continue from.")
            }
            checkpoint = saved
            // Kept on disk: a gateway restart while the person decides loses nothing.
            if let job, let jobText = try? JSONEncoder().encode(job), let writes = try? JSONEncoder().encode(deferredWrites) {
                try? await store.saveSuspension(SuspendedRunRecord(
                    runId: runId, sessionId: sessionId, toolCallId: call, approvalId: approval,
                    job: String(decoding: jobText, as: UTF8.self), checkpoint: saved.jsonText, writes: String(decoding: writes, as: UTF8.self),
                    createdAt: Timestamp.now()))
            }
            logger.info("run suspended for a decision; worker released")
            if heldDecision != nil { resumable.raise() }
        }
    }

    // MARK: Tools and approvals

    private func toolCall(_ call: ToolCall, frame wseq: Int?) async {
        // A tool call id names one call: a worker may not re-propose an approved one to write
        // again without a new approval.
        guard gate.firstUse(of: call.toolCallId) else {
            logger.warning("tool call id reused; refused", metadata: ["tool_call_id": "\(call.toolCallId)"])
            return await decide(call.toolCallId, approved: false, by: .policy, reason: "tool call id already used")
        }
        if case .exceeded(let reason) = budget.admit(tool: call.tool, arguments: call.arguments) {
            return await interrupt(reason)
        }
        var proposal = EventPayload.ToolCallProposal(
            toolCallId: call.toolCallId, tool: call.tool, arguments: call.arguments, requiresApproval: call.requiresApproval,
            approvalId: nil, diff: call.diff, truthFlags: call.truthFlags
        )
        gate.plan(call.toolCallId, writes: call.writes)
        guard call.requiresApproval else {
            emit(.toolCallProposed(proposal), frame: wseq)
            gate.allowReadOnly(call.toolCallId)
            return await decide(call.toolCallId, approved: true, by: .policy)
        }
        let approvalId = Identifier.make("apr")
        proposal.approvalId = approvalId
        // Auto-approve applies only to edits with no truthfulness flag. Decide it, and set up
        // the wait, before the approval becomes visible: a person may decide the moment it is.
        let autoApprove = (try? await store.session(id: sessionId))?.autoApprove == true && call.truthFlags.isEmpty
        guard !terminalQueued else { return }
        if !autoApprove {
            gate.awaitDecision(approvalId: approvalId, toolCallId: call.toolCallId, expiresAt: clock.now.advanced(by: limits.approvalExpiry))
            waitingSince[approvalId] = clock.now
            budget.pause(at: clock.now)
            deadlinesChanged.raise()
        }
        do {
            try await store.insert(ApprovalRecord(
                id: approvalId, sessionId: sessionId, runId: runId, toolCallId: call.toolCallId, tool: call.tool,
                arguments: Self.json(call.arguments), diff: call.diff, truthFlags: Self.json(.array(call.truthFlags)),
                status: .pending, createdAt: Timestamp.now(), decidedAt: nil, decidedBy: nil, reason: nil
            ))
        } catch {
            return await fail(.internal, code: "store_error", message: "Could not record the approval.")
        }
        emit(.toolCallProposed(proposal), frame: wseq)
        if let early = gate.proposalPublished(approvalId) {
            await approvalDecided(early)
        } else if autoApprove,
                  let decided = try? await store.decide(approvalId: approvalId, sessionId: sessionId, status: .approved, by: .auto, reason: nil) {
            await approvalDecided(decided)
        } else if !autoApprove {
            // A person decides, in seconds or minutes: the worker saves the run and ends, and
            // the decision continues it on a fresh worker. No process waits on a human.
            deferredCall = call.toolCallId
            deferredApproval = approvalId
            deferredWrites = call.writes
            await pool.send(runId: runId, .toolDecision(ToolDecision(
                runId: runId, toolCallId: call.toolCallId, approved: false, by: .policy, deferred: true)))
        }
    }

    /// A decision recorded in the store (by a person, or auto) reaches the run.
    func approvalDecided(_ approval: ApprovalRecord) async {
        guard !terminalQueued, gate.accept(approval) else { return }
        if let waited = waitingSince.removeValue(forKey: approval.id) { RunMetrics.approvalWait(waited.duration(to: clock.now)) }
        if gate.pending.isEmpty {
            budget.resume(at: clock.now)
        }
        deadlinesChanged.raise()
        let approved = approval.status == .approved
        if approved {
            emit(.toolCallApproved(toolCallId: approval.toolCallId, approvalId: approval.id, by: approval.decidedBy ?? .user))
        } else {
            emit(.toolCallRejected(toolCallId: approval.toolCallId, approvalId: approval.id, reason: approval.reason ?? "rejected by the user"))
        }
        guard deferredCall == approval.toolCallId else {
            return await decide(approval.toolCallId, approved: approved, by: approval.decidedBy ?? .user, reason: approval.reason)
        }
        // The worker was told to suspend: the decision goes to the next one.
        heldDecision = ToolDecision(runId: runId, toolCallId: approval.toolCallId, approved: approved, by: approval.decidedBy ?? .user, reason: approval.reason)
        resumable.raise()
    }

    private func decide(_ toolCallId: String, approved: Bool, by: Decider, reason: String? = nil) async {
        await pool.send(runId: runId, .toolDecision(ToolDecision(runId: runId, toolCallId: toolCallId, approved: approved, by: by, reason: reason)))
    }

    private func toolResult(_ result: ToolResult, frame wseq: Int?) {
        guard gate.finished(result.toolCallId) else {
            return logger.warning("tool result for a call that is not executing", metadata: ["tool_call_id": "\(result.toolCallId)"])
        }
        emit(.toolResult(toolCallId: result.toolCallId, tool: result.tool, ok: result.ok, summary: result.summary), frame: wseq)
    }

    // MARK: Workspace on behalf of the worker

    private func workspaceOperation(_ request: WorkspaceRequest, frame wseq: Int?) async {
        let outcome: WorkspaceBroker.Outcome
        if request.operation == .write {
            switch WorkspaceBroker.authorize(request, gate: &gate) {
            case .success(let allowed):
                outcome = await broker.write(request, allowed: allowed)
            case .failure(let refusal):
                logger.warning("write refused", metadata: ["code": "\(refusal.code)", "tool_call_id": "\(request.toolCallId ?? "")"])
                await broker.auditRefusal(request, refusal)
                outcome = broker.refusal(request, refusal)
            }
        } else {
            outcome = await broker.perform(request)
        }
        emit(outcome.events, frame: wseq)
        await pool.send(runId: runId, .workspaceResponse(outcome.response))
    }

    // MARK: Usage and cost

    private func usageReported(_ usage: UsageReport, frame wseq: Int?) async {
        let cost = pricing.cost(model: usage.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens)
        if !pricing.isPriced(model: usage.model), unpricedModels.insert(usage.model).inserted {
            logger.warning("no price for model; charged at the highest known price", metadata: ["model": "\(usage.model)"])
        }
        guard let session = try? await store.addUsage(
            runId: runId, sessionId: sessionId, provider: usage.provider, model: usage.model, inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens, costUsd: cost
        ) else { return }
        if tenantName == nil { tenantName = (try? await store.tenant(id: session.tenantId))?.name ?? "unknown" }
        RunMetrics.usage(
            provider: usage.provider, model: usage.model, tenant: tenantName ?? "unknown", input: usage.inputTokens, output: usage.outputTokens,
            costUsd: cost)
        emit(.usageUpdated(EventPayload.UsageUpdate(
            provider: usage.provider, model: usage.model,
            call: .init(inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: cost),
            session: .init(inputTokens: session.inputTokens, outputTokens: session.outputTokens, costUsd: session.costUsd),
            sessionCapUsd: session.costCapUsd
        )), frame: wseq)
        if session.costUsd >= session.costCapUsd {
            await interrupt(.costCap)
        } else if cost > 0, await tenants.budgetSpent(tenantId: session.tenantId) {
            // The tenant's daily budget binds across its sessions: the running run stops too.
            logger.info("tenant daily budget spent; stopping the run")
            await interrupt(.costCap)
        }
    }

    // MARK: Deadlines

    /// The earliest deadline that is armed: the hard timeout while the clock runs, approval
    /// expiries, the kill grace.
    private var nextDeadline: AnyClock.Instant? {
        var candidates: [AnyClock.Instant] = []
        if !terminalQueued {
            if let deadline = budget.deadline { candidates.append(deadline) }
            if let expiry = gate.nextExpiry { candidates.append(expiry) }
        }
        if let killAt, !workerEnded { candidates.append(killAt) }
        return candidates.min()
    }

    /// Serves the run's deadlines until ``close()``: sleeps until the earliest one (or until
    /// they change), then acts on whatever is due. Runs as a child of the run's task group.
    func runDeadlines() async {
        while !closed, !Task.isCancelled {
            if let next = nextDeadline {
                let clock = self.clock, changed = deadlinesChanged
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await clock.sleep(until: next, tolerance: nil) }
                    group.addTask { await changed.wait() }
                    await group.next()
                    group.cancelAll()
                }
            } else {
                await deadlinesChanged.wait()
            }
            await deadlinesDue(at: clock.now)
        }
    }

    private func deadlinesDue(at now: AnyClock.Instant) async {
        if let killAt, now >= killAt, !workerEnded {
            self.killAt = nil
            await pool.kill(runId: runId)
        }
        guard !terminalQueued else { return }
        if let deadline = budget.deadline, now >= deadline {
            await interrupt(.timeout)
        } else if gate.hasExpired(at: now) {
            await interrupt(.approvalTimeout)
        }
    }

    private static func json(_ value: JSONValue) -> String {
        String(decoding: (try? JSONEncoder.compact.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import IPC
import Store

/// Runs: send a message (starts a run), list and read runs, stream a run's events, interrupt.
struct RunsResource: Sendable {
    let api: APIServices

    static let message = Schema.object([("content", .string(minLength: 1, maxLength: 20_000, pattern: "[^ \\t\\n\\r]"))], required: ["content"])

    var routes: [APIRoute] {
        let session = PathParameters.session, run = PathParameters.run
        return [
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/messages", summary: "Send a message; starts a run (one active run per session)",
                parameters: [session], body: .json(Self.message, required: true), status: .accepted,
                output: .json(.object([("run_id", .string())], required: ["run_id"], additionalProperties: true))
            ) { _, context, input in
                JSONBody.response(
                    try await post(tenant: try context.tenant(), id: try context.sessionId(), content: input.json["content"]?.stringValue ?? ""),
                    status: .accepted)
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/runs", summary: "Runs of the session, oldest first",
                parameters: [session], status: .ok,
                output: .json(.object([("runs", .array(.ref("Run")))], required: ["runs"], additionalProperties: true))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(["runs": .array(try await api.store.runs(sessionId: session.id).map(Views.run))])
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/runs/{run_id}", summary: "One run",
                parameters: [session, run], status: .ok, output: .json(.ref("Run"))
            ) { _, context, input in
                let session = try input.requireSession()
                return JSONBody.response(Views.run(try await api.run(try context.parameter("run_id"), of: session.id)))
            },
            APIRoute(
                method: .get, path: "/api/v1/sessions/{session_id}/runs/{run_id}/stream",
                summary: "Server-sent events of a run (resume with Last-Event-ID or ?after=<seq>)",
                parameters: [session, run], query: [("after", .string(maxLength: 9, pattern: "^[0-9]+$"))], status: .ok, output: .eventStream
            ) { request, context, input in
                let session = try input.requireSession()
                let record = try await api.run(try context.parameter("run_id"), of: session.id)
                let after = try await Self.resumePosition(request, run: record, store: api.store)
                let tenant = try context.tenant()
                guard api.streams.acquire(tenant, limit: api.guardrails.maxStreamsPerTenant) else {
                    throw APIError.rateLimited(retryAfter: 5, message: "This account has \(api.guardrails.maxStreamsPerTenant) event streams open; close one first.")
                }
                let streams = api.streams
                return try await EventStream.response(run: record, after: after, store: api.store, log: api.log) {
                    streams.release(tenant)
                }
            },
            APIRoute(
                method: .post, path: "/api/v1/sessions/{session_id}/runs/{run_id}/interrupt",
                summary: "Interrupt a run (it ends with run_interrupted, reason user, within 2 s)",
                parameters: [session, run], status: .accepted,
                output: .json(.object([("run_id", .string()), ("status", .string())], required: ["run_id", "status"], additionalProperties: true))
            ) { _, context, input in
                let session = try input.requireSession()
                let record = try await api.run(try context.parameter("run_id"), of: session.id)
                if let controller = await api.runs.controller(record.id) { await controller.interrupt(.user) }
                return JSONBody.response(["run_id": .string(record.id), "status": "interrupting"], status: .accepted)
            },
        ]
    }

    func post(tenant: String, id: String, content raw: String) async throws -> JSONValue {
        let session = try await api.session(tenant: tenant, id: id)
        let content = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        try SessionWorkflow.check(.startRun, in: session)
        guard await api.pool.canAdmit, await !api.runs.isDraining else { throw APIError.overloaded() }
        let limits = try await api.tenants.limits(of: tenant)
        try await api.tenants.checkBudget(tenantId: tenant, limits: limits)
        let run: RunRecord
        do {
            run = try await api.store.createRun(sessionId: id, content: content, tenantRunLimit: limits.maxConcurrentRuns)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
        let job = RunJob.agent(AgentTurnRequest(
            message: content, history: try await conversation(sessionId: id, excluding: run.id), state: session.state,
            autoApprove: session.autoApprove, maxSteps: api.limits.maxSteps,
            remainingBudgetUsd: max(0, session.costCapUsd - session.costUsd), provider: api.pricing.primaryProvider
        ))
        _ = await api.runs.start(run: run, job: job)
        api.logger.info("run admitted", metadata: ["session.id": "\(id)", "run.id": "\(run.id)"])
        return ["run_id": .string(run.id)]
    }

    /// The last few exchanges, for the agent's context.
    private func conversation(sessionId: String, excluding runId: String) async throws -> [AgentTurnRequest.Turn] {
        var turns: [AgentTurnRequest.Turn] = []
        for run in try await api.store.runs(sessionId: sessionId).filter({ $0.id != runId }).suffix(4) {
            turns.append(.init(role: .user, content: run.content))
            let text = try await api.store.assistantText(runId: run.id)
            if !text.isEmpty { turns.append(.init(role: .assistant, content: String(text.suffix(4000)))) }
        }
        return turns
    }

    /// `Last-Event-ID` (an event of this run) or `?after=<seq>`; 0 replays everything.
    static func resumePosition(_ request: Request, run: RunRecord, store: Store) async throws -> Int {
        if let lastEventId = request.headers[.lastEventID], !lastEventId.isEmpty {
            guard Identifier.isValid(lastEventId, prefix: "evt"), let event = try await store.event(id: lastEventId), event.runId == run.id else {
                throw APIError.invalidRequest("Last-Event-ID does not name an event of this run.")
            }
            return event.seq
        }
        if let after = request.uri.queryParameters.get("after") {
            guard let seq = Int(after), seq >= 0 else { throw APIError.invalidRequest("'after' must be a non-negative integer.") }
            return seq
        }
        return 0
    }
}

extension HTTPField.Name {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}

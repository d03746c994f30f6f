import DocumentWorker
import Foundation
import IPC
@testable import RunWorker

/// The gateway's side of a run, in memory: records what the worker does, holds a workspace,
/// and answers proposals from a script of decisions. It enforces the contract's write rule
/// (a write carries the id of an executing call; outside analysis/, preview/ and exports/ that
/// call must be an approved one) so a test fails if the worker breaks it.
actor FakeRunChannel: RunChannel {
    /// How the "person" answers the next call that needs approval.
    enum Decision: Sendable {
        case approve
        case reject(String)
        /// Never answers; only cancellation ends the wait.
        case hold
    }

    struct Write: Sendable, Equatable {
        var path: String
        var toolCallId: String?
        var base64: Bool
    }

    struct Usage: Sendable, Equatable {
        var provider: String
        var model: String
        var input: Int
        var output: Int
    }

    private(set) var events: [(kind: String, payload: JSONValue)] = []
    private(set) var proposals: [ToolCall] = []
    private(set) var decisions: [ToolDecision] = []
    private(set) var results: [ToolResult] = []
    private(set) var writes: [Write] = []
    private(set) var usages: [Usage] = []
    /// Kinds of the document jobs the run asked for, in order.
    private(set) var documentJobs: [String] = []
    /// Contract breaches by the worker; every test expects none.
    private(set) var violations: [String] = []
    private(set) var proposalTimes: [ContinuousClock.Instant] = []
    var files: [String: String]
    private var script: [Decision]
    /// Answer for approvals once the script is used up.
    private let fallback: Decision
    private var executing: Set<String> = []
    private var approvedWrites: Set<String> = []
    private var requestId = 0

    /// Every emitted event, for tests that wait for one.
    nonisolated let eventStream: AsyncStream<String>
    private let eventSink: AsyncStream<String>.Continuation

    init(files: [String: String] = [:], decisions: [Decision] = [], otherwise fallback: Decision = .approve) {
        self.files = files
        self.script = decisions
        self.fallback = fallback
        (eventStream, eventSink) = AsyncStream<String>.makeStream()
    }

    // MARK: RunChannel

    func emit(_ kind: EventType, _ payload: JSONValue) async throws {
        events.append((kind.rawValue, payload))
        eventSink.yield(kind.rawValue)
    }

    func propose(_ call: ToolCall) async throws -> ToolDecision {
        proposalTimes.append(.now)
        proposals.append(call)
        let decision: ToolDecision
        if !call.requiresApproval {
            decision = ToolDecision(runId: call.runId, toolCallId: call.toolCallId, approved: true, by: .policy)
        } else {
            switch script.isEmpty ? fallback : script.removeFirst() {
            case .approve:
                decision = ToolDecision(runId: call.runId, toolCallId: call.toolCallId, approved: true, by: .user)
                approvedWrites.insert(call.toolCallId)
            case .reject(let reason):
                decision = ToolDecision(runId: call.runId, toolCallId: call.toolCallId, approved: false, by: .user, reason: reason)
            case .hold:
                eventSink.yield("approval_pending")
                try await Task.sleep(for: .seconds(3_600))
                throw CancellationError()
            }
        }
        if decision.approved { executing.insert(call.toolCallId) }
        decisions.append(decision)
        return decision
    }

    func report(_ result: ToolResult) async throws {
        if executing.remove(result.toolCallId) == nil { violations.append("result for a call that is not executing: \(result.toolCallId)") }
        results.append(result)
    }

    func workspace(
        _ operation: WorkspaceRequest.Operation, path: String, toolCallId: String?, content: String?, base64: Bool
    ) async throws -> WorkspaceResponse {
        requestId += 1
        let runId = "run_test"
        switch operation {
        case .list:
            let list = files.keys.sorted().map { WorkspaceFile(path: $0, size: files[$0]?.utf8.count ?? 0, contentType: "text/plain") }
            return WorkspaceResponse(runId: runId, requestId: requestId, ok: true, files: list)
        case .read:
            guard let text = files[path] else {
                return WorkspaceResponse(runId: runId, requestId: requestId, ok: false, error: Fault(code: "not_found", message: "\(path) does not exist."))
            }
            return WorkspaceResponse(runId: runId, requestId: requestId, ok: true, content: text)
        case .write:
            guard let toolCallId, executing.contains(toolCallId) else {
                violations.append("write of \(path) outside an executing call")
                return refusal("not_allowed", "Writes must belong to a tool call that is executing.")
            }
            let generated = ["analysis/", "preview/", "exports/"].contains { path.hasPrefix($0) }
            guard generated || approvedWrites.contains(toolCallId) else {
                violations.append("write of \(path) without approval")
                return refusal("approval_required", "Writing \(path) needs an approved tool call.")
            }
            files[path] = content ?? ""
            writes.append(Write(path: path, toolCallId: toolCallId, base64: base64))
            return WorkspaceResponse(runId: runId, requestId: requestId, ok: true)
        }
    }

    func usage(provider: String, model: String, inputTokens: Int, outputTokens: Int) async throws {
        usages.append(Usage(provider: provider, model: model, input: inputTokens, output: outputTokens))
    }

    /// Runs the job on a document executor in process, as the gateway would on a document
    /// worker; only the jobs an agent run may ask for.
    func documentJob(_ job: RunJob) async throws -> RunEnd {
        documentJobs.append(job.kind.rawValue)
        guard job.kind.isRequestableByAgentRun else {
            violations.append("document job \(job.kind.rawValue) asked for by an agent run")
            return RunEnd(runId: "", outcome: .failed, failure: .init(kind: .internal, code: "not_allowed", message: "Not allowed."))
        }
        return try await DocumentWorkerExecutor(clock: { Date() }).execute(RunStart(runId: "job_test", sessionId: "sess_test", job: job), channel: self)
    }

    // MARK: Reading what happened

    /// The streamed text, deltas joined.
    var text: String {
        events.filter { $0.kind == "assistant_delta" }.compactMap { $0.payload["text"]?.stringValue }.joined()
    }

    var deltas: [String] {
        events.filter { $0.kind == "assistant_delta" }.compactMap { $0.payload["text"]?.stringValue }
    }

    var eventKinds: [String] { events.map(\.kind) }

    func file(_ path: String) -> String? { files[path] }

    private func refusal(_ code: String, _ message: String) -> WorkspaceResponse {
        WorkspaceResponse(runId: "run_test", requestId: requestId, ok: false, error: Fault(code: code, message: message))
    }
}

/// Waits until `stream` yields `kind`; false if it ended first.
func waitFor(_ kind: String, in stream: AsyncStream<String>) async -> Bool {
    for await event in stream where event == kind { return true }
    return false
}

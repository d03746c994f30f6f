import Foundation
import NIOCore
import Testing

@testable import IPC

@Suite("MessageCodec")
struct MessageCodecTests {
    static let samples: [IPCMessage] = [
        .hello(Hello(role: .worker, pid: 42, maxRuns: 1)),
        .hello(Hello(role: .gateway, pid: 7)),
        .hello(Hello(role: .worker, pid: 43, maxRuns: 1, kind: .document, sandbox: SandboxReport(
            landlockABI: 7, seccomp: true, noNewPrivileges: true, capabilitiesDropped: true))),
        .helloAck(HelloAck(accepted: true)),
        .hello(Hello(role: .worker, pid: 44, maxRuns: 1, heldRun: HeldRun(runId: "run_9", sessionId: "sess_1", nextWseq: 17))),
        .helloAck(HelloAck(accepted: true, adoption: RunAdoption(runId: "run_9", persistedWseq: 12))),
        .runEventAck(RunEventAck(runId: "run_9", wseq: 12)),
        .runEventAck(RunEventAck(runId: "run_9", wseq: 0, ended: true)),
        .runEvent(RunEvent(runId: "run_9", kind: .assistantDelta, payload: ["text": "again"], wseq: 13)),
        .hello(Hello(role: .worker, pid: 45, maxRuns: 0, heldRun: HeldRun(
            runId: "run_9", sessionId: "sess_1", nextWseq: 20, awaiting: [18, 19], job: .echo(EchoRequest(message: "hi"))))),
        .toolCall(ToolCall(runId: "run_9", toolCallId: "call_1", tool: "read_resume", arguments: [:], requiresApproval: false, wseq: 14)),
        .toolResult(ToolResult(runId: "run_9", toolCallId: "call_1", tool: "read_resume", ok: true, summary: "read", wseq: 15)),
        .workspaceRequest(WorkspaceRequest(runId: "run_9", requestId: 2, toolCallId: "call_1", operation: .read, path: "resume.md", wseq: 16)),
        .usage(UsageReport(runId: "run_9", provider: "openai", model: "m", inputTokens: 3, outputTokens: 4, wseq: 17)),
        .helloAck(HelloAck(accepted: false, reason: "protocol version 9 is not supported")),
        .ping(Ping(id: 3, stats: SupervisorStats(gatewayRestarts: 1, workerRestarts: 2, workersSpawned: 3, workerCrashes: 4))),
        .pong(Pong(id: 3, healthy: true, pool: PoolStatus(idlePids: [1, 2], busyPids: [3], activeRuns: 1))),
        .gatewayListening(GatewayListening(host: "127.0.0.1", port: 8080, workerSocketPath: "/run/resume-agent/worker.sock")),
        .poolStatus(PoolStatus()),
        .drain(Drain(deadlineMs: 10_000)),
        .runStart(RunStart(runId: "run_1", sessionId: "sess_1", job: .agent(AgentTurnRequest(
            message: "hi", history: [.init(role: .assistant, content: "earlier")], state: .gapAnalyzed, maxSteps: 24,
            remainingBudgetUsd: 0.42, provider: "local")))),
        .runStart(RunStart(runId: "run_2", sessionId: "sess_1", job: .importResume(ImportResumeRequest(filename: "cv.pdf")))),
        .runStart(RunStart(runId: "run_3", sessionId: "sess_1", job: .export(ExportRequest(markdown: "# A", format: .docx, pageSize: .a4)))),
        .runStart(RunStart(runId: "run_4", sessionId: "sess_1", job: .renderPreview(RenderPreviewRequest(markdown: "# A")))),
        .runStart(RunStart(runId: "run_8", sessionId: "sess_1", job: .renderPage(RenderPageRequest(page: 2, width: 900)))),
        .runStart(RunStart(runId: "run_5", sessionId: "sess_1", job: .analyze(AnalyzeRequest(resume: "# A", jd: "Go")))),
        .runStart(RunStart(runId: "run_6", sessionId: "sess_1", job: .fetchJobDescription(FetchJobDescriptionRequest(url: "https://x.example/1", allowList: ["127.0.0.1:80"])))),
        .runStart(RunStart(runId: "run_7", sessionId: "sess_1", job: .echo(EchoRequest(message: "hi", delayMs: 5, ignoreCancel: true)))),
        .runEvent(RunEvent(runId: "run_1", kind: .assistantDelta, payload: ["text": "Héllo 東京 \u{1F600}\n\"quoted\""])),
        .runEnd(RunEnd(runId: "run_1", outcome: .completed)),
        .runEnd(RunEnd(runId: "run_1", outcome: .failed, failure: .init(kind: .internal, code: "internal", message: "boom"))),
        .cancel(Cancel(runId: "run_1", reason: "user")),
        .fault(Fault(code: "busy", message: "already running")),
        .runEnd(RunEnd(runId: "run_j", outcome: .completed, result: ["markdown": "# Ana"])),
        .runEnd(RunEnd(runId: "run_j", outcome: .failed, failure: .init(kind: .providerError, code: "provider_error", message: "HTTP 500 from openai"))),
        .runEnd(RunEnd(runId: "run_k", outcome: .failed, failure: .init(kind: .invalidInput, code: "pdf_no_text", message: "no text", status: 422))),
        .toolCall(ToolCall(runId: "run_1", toolCallId: "tc_1", tool: "propose_resume_edit", arguments: ["section": "Skills"],
                           requiresApproval: true, diff: "--- a/resume.md\n+++ b/resume.md\n", truthFlags: [["kind": "skill", "text": "Kubernetes"]])),
        .toolDecision(ToolDecision(runId: "run_1", toolCallId: "tc_1", approved: false, by: .user, reason: "not true")),
        .toolResult(ToolResult(runId: "run_1", toolCallId: "tc_1", tool: "read_resume", ok: true, summary: "read 34 lines")),
        .workspaceRequest(WorkspaceRequest(runId: "run_1", requestId: 7, toolCallId: "tc_1", operation: .write, path: "resume.md", content: "# A")),
        .workspaceResponse(WorkspaceResponse(runId: "run_1", requestId: 7, ok: true, files: [WorkspaceFile(path: "resume.md", size: 3, contentType: "text/markdown")])),
        .workspaceResponse(WorkspaceResponse(runId: "run_1", requestId: 8, ok: false, error: Fault(code: "invalid_path", message: "no"))),
        .usage(UsageReport(runId: "run_1", provider: "openai", model: "gpt-4o-mini", inputTokens: 1200, outputTokens: 80)),
        .runStart(RunStart(runId: "run_8", sessionId: "sess_1", job: .readJobPage(ReadJobPageRequest(page: .init(
            finalUrl: "https://x.example/1", mediaType: "text/html", body: "<h1>Go</h1>", isHTML: true))))),
        .documentJob(DocumentJobRequest(runId: "run_1", requestId: 9, job: .renderPreview(RenderPreviewRequest(markdown: "# A")))),
        .documentJobResult(DocumentJobResult(runId: "run_1", requestId: 9, end: RunEnd(runId: "", outcome: .completed, result: ["html": "<p>"]))),
        .providerKeys(ProviderKeys(keys: ["openai": "sk-test"])),
        .workerExit(WorkerExit(pid: 42, signal: 31, sandboxViolation: true)),
        .runStart(RunStart(runId: "run_9", sessionId: "sess_1", job: .agent(AgentTurnRequest(message: "hi", state: .gapAnalyzed, provider: "openai")),
                           providerSetup: ProviderSetup(environment: ["RESUME_AGENT_PROVIDERS": "openai", "OPENAI_MODEL": "gpt-4o-mini"],
                                                        configJSON: "{}", keys: ["openai": "sk-test"], script: "[]"))),
    ]

    @Test func everyKindHasASample() {
        #expect(Set(Self.samples.map(\.kind)) == Set(IPCMessage.Kind.allCases))
        let jobs = Self.samples.compactMap { message -> RunJob.Kind? in
            if case .runStart(let start) = message { return start.job.kind }
            return nil
        }
        #expect(Set(jobs) == Set(RunJob.Kind.allCases))
    }

    @Test("round trips through a frame", arguments: samples)
    func roundTrip(message: IPCMessage) throws {
        let codec = MessageCodec()
        var decoder = FrameDecoder()
        decoder.append(try codec.frame(message))
        let frame = try #require(try decoder.nextFrame())
        #expect(try codec.decode(frame) == message)
    }

    @Test func wireFormatIsFlatSnakeCaseWithTypeDiscriminator() throws {
        let data = try MessageCodec().payload(.runStart(RunStart(runId: "run_1", sessionId: "sess_1", job: .echo(EchoRequest(message: "")))))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "run_start")
        #expect(object["run_id"] as? String == "run_1")
        #expect(object["session_id"] as? String == "sess_1")
    }

    @Test func reattachFieldsTravelSnakeCase() throws {
        let hello = try MessageCodec().payload(.hello(Hello(role: .worker, pid: 1, heldRun: HeldRun(runId: "run_1", sessionId: "sess_1", nextWseq: 3))))
        let text = String(decoding: hello, as: UTF8.self)
        #expect(text.contains(#""held_run":{"#) && text.contains(#""next_wseq":3"#))
        let ack = String(decoding: try MessageCodec().payload(.runEventAck(RunEventAck(runId: "run_1", wseq: 2))), as: UTF8.self)
        #expect(ack.contains(#""type":"run_event_ack""#) && ack.contains(#""wseq":2"#))
    }

    @Test func everyNumberedFrameCarriesItsWseqAndOthersIgnoreIt() throws {
        let numbered: [IPCMessage] = [
            .runEvent(RunEvent(runId: "r", kind: .assistantDelta, payload: ["text": "a"])),
            .toolCall(ToolCall(runId: "r", toolCallId: "c", tool: "t", arguments: [:], requiresApproval: false)),
            .toolResult(ToolResult(runId: "r", toolCallId: "c", tool: "t", ok: true, summary: "s")),
            .workspaceRequest(WorkspaceRequest(runId: "r", requestId: 1, toolCallId: nil, operation: .list, path: "")),
            .usage(UsageReport(runId: "r", provider: "p", model: "m", inputTokens: 1, outputTokens: 1)),
        ]
        for message in numbered {
            #expect(message.wseq == nil)
            let decoded = try MessageCodec().decode(ByteBuffer(bytes: try MessageCodec().payload(message.numbered(7))))
            #expect(decoded.wseq == 7, "\(message.kind.rawValue)")
        }
        let unnumbered = IPCMessage.cancel(Cancel(runId: "r", reason: "user"))
        #expect(unnumbered.numbered(7) == unnumbered && unnumbered.wseq == nil)
    }

    @Test func aHeldRunFromAWorkerThatSaysNothingOfAwaitingDecodesEmpty() throws {
        let hello = ByteBuffer(string: #"{"type":"hello","protocol_version":3,"role":"worker","pid":5,"held_run":{"run_id":"r","session_id":"s","next_wseq":4}}"#)
        guard case .hello(let decoded) = try MessageCodec().decode(hello) else { Issue.record("not a hello"); return }
        #expect(decoded.heldRun == HeldRun(runId: "r", sessionId: "s", nextWseq: 4))
    }

    @Test func framesFromOlderWorkersDecodeWithoutReattachFields() throws {
        let old = ByteBuffer(string: #"{"type":"run_event","run_id":"run_1","kind":"assistant_delta","payload":{"text":"a"}}"#)
        #expect(try MessageCodec().decode(old) == .runEvent(RunEvent(runId: "run_1", kind: .assistantDelta, payload: ["text": "a"])))
        let hello = ByteBuffer(string: #"{"type":"hello","protocol_version":2,"role":"worker","pid":5}"#)
        guard case .hello(let decoded) = try MessageCodec().decode(hello) else { Issue.record("not a hello"); return }
        #expect(decoded.heldRun == nil)
    }

    @Test func rejectsNonJSON() {
        #expect(throws: FrameError.self) { try MessageCodec().decode(ByteBuffer(string: "not json")) }
        do {
            _ = try MessageCodec().decode(ByteBuffer(string: "not json"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "invalid_json")
        }
    }

    @Test func jobsAreTypedByKind() throws {
        let codec = MessageCodec()
        let frame = ##"{"type":"run_start","run_id":"r","session_id":"s","input":{"kind":"export","markdown":"# A","format":"pdf","page_size":"a4"}}"##
        #expect(try codec.decode(ByteBuffer(string: frame)) == .runStart(RunStart(runId: "r", sessionId: "s", job: .export(ExportRequest(markdown: "# A", format: .pdf, pageSize: .a4)))))
        // A kind, a format or an event type outside the contract is refused, never guessed.
        #expect(throws: FrameError.self) {
            try codec.decode(ByteBuffer(string: #"{"type":"run_start","run_id":"r","session_id":"s","input":{"kind":"teleport"}}"#))
        }
        #expect(throws: FrameError.self) {
            try codec.decode(ByteBuffer(string: #"{"type":"run_start","run_id":"r","session_id":"s","input":{"kind":"export","markdown":"x","format":"rtf","page_size":"a4"}}"#))
        }
        #expect(throws: FrameError.self) {
            try codec.decode(ByteBuffer(string: #"{"type":"run_event","run_id":"r","kind":"run_completed_x","payload":{}}"#))
        }
    }

    @Test func rejectsJSONThatIsNotAnObject() {
        #expect(throws: FrameError.self) { try MessageCodec().decode(ByteBuffer(string: "[1,2]")) }
    }

    @Test func rejectsUnknownType() {
        #expect(throws: FrameError.unknownMessageType("teleport")) {
            try MessageCodec().decode(ByteBuffer(string: #"{"type":"teleport"}"#))
        }
    }

    @Test func rejectsMissingFields() {
        do {
            _ = try MessageCodec().decode(ByteBuffer(string: #"{"type":"cancel","run_id":"run_1"}"#))
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidMessage(type: "cancel", reason: "missing field 'reason'"))
        }
    }

    @Test func rejectsWrongFieldTypes() {
        #expect(throws: FrameError.self) {
            try MessageCodec().decode(ByteBuffer(string: #"{"type":"hello","protocol_version":"one","role":"worker","pid":1}"#))
        }
    }
}

extension IPCMessage: CustomTestStringConvertible {
    public var testDescription: String { kind.rawValue }
}

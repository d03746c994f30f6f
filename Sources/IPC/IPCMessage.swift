import Foundation

/// The protocol spoken between supervisor, gateway and workers.
public enum IPCProtocol {
    /// Bumped on any incompatible change to `IPCMessage`; checked in the hello.
    /// 3: worker-numbered run frames (`wseq`), `run_event_ack`, re-attach in the hello.
    public static let version = 3
}

/// One frame's JSON object: a `type` discriminator plus the payload's fields at top level,
/// e.g. `{"type":"run_start","run_id":"run_1","session_id":"sess_1","input":{}}`.
public enum IPCMessage: Sendable, Equatable {
    case hello(Hello)
    case helloAck(HelloAck)
    case ping(Ping)
    case pong(Pong)
    case gatewayListening(GatewayListening)
    case poolStatus(PoolStatus)
    case drain(Drain)
    case runStart(RunStart)
    case runEvent(RunEvent)
    case runEventAck(RunEventAck)
    case runEnd(RunEnd)
    case cancel(Cancel)
    case fault(Fault)
    case toolCall(ToolCall)
    case toolDecision(ToolDecision)
    case toolResult(ToolResult)
    case workspaceRequest(WorkspaceRequest)
    case workspaceResponse(WorkspaceResponse)
    case usage(UsageReport)
    case documentJob(DocumentJobRequest)
    case documentJobResult(DocumentJobResult)
    case providerKeys(ProviderKeys)
    case workerExit(WorkerExit)

    /// The wire name of each case.
    public enum Kind: String, CaseIterable, Sendable {
        case hello, helloAck = "hello_ack", ping, pong
        case gatewayListening = "gateway_listening", poolStatus = "pool_status", drain
        case runStart = "run_start", runEvent = "run_event", runEventAck = "run_event_ack", runEnd = "run_end", cancel, fault
        case toolCall = "tool_call", toolDecision = "tool_decision", toolResult = "tool_result"
        case workspaceRequest = "workspace_request", workspaceResponse = "workspace_response", usage
        case documentJob = "document_job", documentJobResult = "document_job_result"
        case providerKeys = "provider_keys", workerExit = "worker_exit"
    }

    public var kind: Kind {
        switch self {
        case .hello: .hello
        case .helloAck: .helloAck
        case .ping: .ping
        case .pong: .pong
        case .gatewayListening: .gatewayListening
        case .poolStatus: .poolStatus
        case .drain: .drain
        case .runStart: .runStart
        case .runEvent: .runEvent
        case .runEventAck: .runEventAck
        case .runEnd: .runEnd
        case .cancel: .cancel
        case .fault: .fault
        case .toolCall: .toolCall
        case .toolDecision: .toolDecision
        case .toolResult: .toolResult
        case .workspaceRequest: .workspaceRequest
        case .workspaceResponse: .workspaceResponse
        case .usage: .usage
        case .documentJob: .documentJob
        case .documentJobResult: .documentJobResult
        case .providerKeys: .providerKeys
        case .workerExit: .workerExit
        }
    }

    /// Descriptors that travel with this frame (a run's input files).
    public var passedFiles: PassedFiles {
        if case .runStart(let start) = self { return start.inputs }
        return PassedFiles()
    }

    /// This message with the descriptors that arrived beside its frame.
    func attaching(_ files: [PassedFile]) -> IPCMessage {
        guard case .runStart(var start) = self else { return self }
        start.inputs.attach(files)
        return .runStart(start)
    }
}

extension IPCMessage: Codable {
    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let name = try container.decode(String.self, forKey: .type)
        guard let kind = Kind(rawValue: name) else { throw FrameError.unknownMessageType(name) }
        switch kind {
        case .hello: self = .hello(try Hello(from: decoder))
        case .helloAck: self = .helloAck(try HelloAck(from: decoder))
        case .ping: self = .ping(try Ping(from: decoder))
        case .pong: self = .pong(try Pong(from: decoder))
        case .gatewayListening: self = .gatewayListening(try GatewayListening(from: decoder))
        case .poolStatus: self = .poolStatus(try PoolStatus(from: decoder))
        case .drain: self = .drain(try Drain(from: decoder))
        case .runStart: self = .runStart(try RunStart(from: decoder))
        case .runEvent: self = .runEvent(try RunEvent(from: decoder))
        case .runEventAck: self = .runEventAck(try RunEventAck(from: decoder))
        case .runEnd: self = .runEnd(try RunEnd(from: decoder))
        case .cancel: self = .cancel(try Cancel(from: decoder))
        case .fault: self = .fault(try Fault(from: decoder))
        case .toolCall: self = .toolCall(try ToolCall(from: decoder))
        case .toolDecision: self = .toolDecision(try ToolDecision(from: decoder))
        case .toolResult: self = .toolResult(try ToolResult(from: decoder))
        case .workspaceRequest: self = .workspaceRequest(try WorkspaceRequest(from: decoder))
        case .workspaceResponse: self = .workspaceResponse(try WorkspaceResponse(from: decoder))
        case .usage: self = .usage(try UsageReport(from: decoder))
        case .documentJob: self = .documentJob(try DocumentJobRequest(from: decoder))
        case .documentJobResult: self = .documentJobResult(try DocumentJobResult(from: decoder))
        case .providerKeys: self = .providerKeys(try ProviderKeys(from: decoder))
        case .workerExit: self = .workerExit(try WorkerExit(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(kind.rawValue, forKey: .type)
        switch self {
        case .hello(let payload): try payload.encode(to: encoder)
        case .helloAck(let payload): try payload.encode(to: encoder)
        case .ping(let payload): try payload.encode(to: encoder)
        case .pong(let payload): try payload.encode(to: encoder)
        case .gatewayListening(let payload): try payload.encode(to: encoder)
        case .poolStatus(let payload): try payload.encode(to: encoder)
        case .drain(let payload): try payload.encode(to: encoder)
        case .runStart(let payload): try payload.encode(to: encoder)
        case .runEvent(let payload): try payload.encode(to: encoder)
        case .runEventAck(let payload): try payload.encode(to: encoder)
        case .runEnd(let payload): try payload.encode(to: encoder)
        case .cancel(let payload): try payload.encode(to: encoder)
        case .fault(let payload): try payload.encode(to: encoder)
        case .toolCall(let payload): try payload.encode(to: encoder)
        case .toolDecision(let payload): try payload.encode(to: encoder)
        case .toolResult(let payload): try payload.encode(to: encoder)
        case .workspaceRequest(let payload): try payload.encode(to: encoder)
        case .workspaceResponse(let payload): try payload.encode(to: encoder)
        case .usage(let payload): try payload.encode(to: encoder)
        case .documentJob(let payload): try payload.encode(to: encoder)
        case .documentJobResult(let payload): try payload.encode(to: encoder)
        case .providerKeys(let payload): try payload.encode(to: encoder)
        case .workerExit(let payload): try payload.encode(to: encoder)
        }
    }
}

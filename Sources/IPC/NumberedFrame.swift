/// The worker-assigned number (`wseq`) of a run-scoped frame, for the frames that carry one:
/// everything a run sends that changes what the gateway persists (events, tool calls and
/// results, workspace requests, usage). Read and set in one place so the worker's replay
/// buffer and the gateway's dedup agree on which frames are numbered (issue 13).
extension IPCMessage {
    public var wseq: Int? {
        switch self {
        case .runEvent(let event): event.wseq
        case .toolCall(let call): call.wseq
        case .toolResult(let result): result.wseq
        case .workspaceRequest(let request): request.wseq
        case .usage(let usage): usage.wseq
        default: nil
        }
    }

    /// This frame numbered `wseq`; frames that are never numbered come back unchanged.
    public func numbered(_ wseq: Int) -> IPCMessage {
        switch self {
        case .runEvent(var event): event.wseq = wseq; return .runEvent(event)
        case .toolCall(var call): call.wseq = wseq; return .toolCall(call)
        case .toolResult(var result): result.wseq = wseq; return .toolResult(result)
        case .workspaceRequest(var request): request.wseq = wseq; return .workspaceRequest(request)
        case .usage(var usage): usage.wseq = wseq; return .usage(usage)
        default: return self
        }
    }
}

// Enabled with ProviderAgentModel (see ProvidersJobPageFetcher): needs RunWorker → Providers
// and RUNWORKER_PROVIDERS defined.
#if RUNWORKER_PROVIDERS
import IPC
import Providers

/// The built-in ``LocalModel`` as a Providers ``LLMProvider``, so a ``ProviderRouter`` policy such
/// as `openai,gemini,local` can fall back to it like to any other provider.
struct LocalLLMProvider: LLMProvider {
    let local: LocalModel
    let name: String

    init(_ local: LocalModel, name: String = "local") {
        self.local = local
        self.name = name
    }

    var model: String { local.model }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ProviderEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ProviderEvent, any Error>.makeStream()
        // The local model's turns are computed up front and its stream is already buffered,
        // so the whole turn is translated here without a task.
        let turn = local.events(for: Self.modelRequest(request))
        var index = 0
        for event in turn {
            switch event {
            case .textDelta(let text): continuation.yield(.textDelta(text))
            case .toolCall(let call):
                continuation.yield(.toolCallStart(index: index, id: call.id, name: call.name))
                continuation.yield(.toolCallArgumentsDelta(index: index, fragment: call.arguments))
                continuation.yield(.toolCallEnd(index: index))
                index += 1
            case .usage(let input, let output, _, _): continuation.yield(.usage(input: input, output: output))
            case .finish: continuation.yield(.finish(index > 0 ? .toolCalls : .stop))
            }
        }
        continuation.finish()
        return stream
    }

    static func modelRequest(_ request: ChatRequest) -> ModelRequest {
        ModelRequest(system: request.system ?? "", messages: request.messages.map(agentMessage), tools: [])
    }

    static func agentMessage(_ message: ChatMessage) -> AgentMessage {
        switch message {
        case .user(let text):
            return .user(text)
        case .assistant(let text, let calls):
            return .assistant(text: text ?? "", toolCalls: calls.map { ModelToolCall(id: $0.id, name: $0.name, arguments: $0.arguments) })
        case .toolResult(let result):
            // The wire formats only know "error"; a refusal is recognised by the words the agent loop uses.
            let refused = result.content.hasPrefix("rejected by the user") || result.content.hasPrefix("refused by the gateway")
            let status: ToolMessage.Status = !result.isError ? .ok : (refused ? .rejected : .error)
            return .tool(ToolMessage(callId: result.callID, name: result.name, status: status, content: result.content))
        }
    }
}
#endif

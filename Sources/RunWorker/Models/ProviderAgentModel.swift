// Enabled with ProvidersJobPageFetcher (see there): needs RunWorker → Providers and
// RUNWORKER_PROVIDERS defined.
#if RUNWORKER_PROVIDERS
import IPC
import Providers

/// ``AgentModel`` over the Providers module's ``LLMProvider`` (usually a ``ProviderRouter``):
/// maps the conversation and tools onto a ``ChatRequest``, assembles streamed tool-call
/// fragments into whole calls, and names each usage report after the provider that served it.
public struct ProviderAgentModel: AgentModel {
    let llm: any LLMProvider
    /// Upper bound on generated tokens, when the operator sets one.
    let maxTokens: Int?
    /// Sampling temperature of every turn (`nil`: the provider's default).
    let temperature: Double?

    /// Low, because a résumé rewrite should stay close to what the resume says. A model that
    /// accepts only its default rejects it once; the router then retries without it and the
    /// provider remembers (the `temperatureUnsupported` quirk).
    public static let defaultTemperature = 0.2

    public init(_ llm: any LLMProvider, maxTokens: Int? = nil, temperature: Double? = ProviderAgentModel.defaultTemperature) {
        self.llm = llm
        self.maxTokens = maxTokens
        self.temperature = temperature
    }

    public var provider: String { llm.name }
    public var model: String { llm.model }

    public func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, any Error> {
        let budgeted = Self.budgetedMaxTokens(configured: maxTokens, remainingUSD: request.remainingBudgetUSD, model: llm.model)
        let chat = Self.chatRequest(request, maxTokens: budgeted, temperature: temperature)
        let assembly = Assembly(llm.stream(chat), provider: llm.name, model: llm.model)
        return AsyncThrowingStream(unfolding: { try await assembly.next() })
    }

    // MARK: Request

    /// Output tokens a turn may generate when nothing else says: enough for a full rewrite.
    static let defaultMaxTokens = 4096

    /// Lowers the output limit so one turn cannot cost more than what is left of the session's
    /// budget (the gateway enforces the cap anyway; this avoids paying for tokens past it).
    /// Unknown prices leave the limit as configured.
    static func budgetedMaxTokens(configured: Int?, remainingUSD: Double?, model: String) -> Int? {
        guard let remaining = remainingUSD, let price = Pricing.defaultPrice(for: model), price.outputPerMillion > 0 else {
            return configured
        }
        let affordable = Int((max(0, remaining) / price.outputPerMillion * 1_000_000).rounded(.down))
        return max(1, min(configured ?? defaultMaxTokens, affordable))
    }

    static func chatRequest(_ request: ModelRequest, maxTokens: Int?, temperature: Double? = nil) -> ChatRequest {
        ChatRequest(
            system: request.system,
            messages: request.messages.map(chatMessage),
            tools: request.tools.map { Providers.ToolDefinition(name: $0.name, description: $0.description, parameters: json($0.parameters)) },
            temperature: temperature,
            maxTokens: maxTokens)
    }

    static func chatMessage(_ message: AgentMessage) -> ChatMessage {
        switch message {
        case .user(let text):
            .user(text)
        case .assistant(let text, let calls):
            .assistant(text: text.isEmpty ? nil : text, toolCalls: calls.map { Providers.ToolCall(id: $0.id, name: $0.name, arguments: $0.arguments) })
        case .tool(let result):
            .toolResult(Providers.ToolResult(callID: result.callId, name: result.name, content: result.content, isError: result.isError))
        }
    }

    /// IPC's JSON value as the Providers module's (ordered keys, sorted here for stable requests).
    static func json(_ value: IPC.JSONValue) -> Providers.JSONValue {
        switch value {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let number): .number(number)
        case .string(let string): .string(string)
        case .array(let items): .array(items.map(json))
        case .object(let members):
            .object(members.keys.sorted().reduce(into: JSONObject()) { object, key in object[key] = members[key].map(json) })
        }
    }

    // MARK: Events

    /// Per-turn state: the upstream stream, which provider is serving, and the tool calls being
    /// streamed. `@unchecked`: only the one task that consumes the turn calls `next()`, one
    /// call at a time, as `AsyncThrowingStream(unfolding:)` guarantees.
    private final class Assembly: @unchecked Sendable {
        private var upstream: AsyncThrowingStream<ProviderEvent, any Error>.Iterator
        private var provider: String
        private var model: String
        private var calls: [Int: ModelToolCall] = [:]

        init(_ upstream: AsyncThrowingStream<ProviderEvent, any Error>, provider: String, model: String) {
            self.upstream = upstream.makeAsyncIterator()
            self.provider = provider
            self.model = model
        }

        func next() async throws -> ModelEvent? {
            while true {
                let event: ProviderEvent?
                do {
                    event = try await upstream.next()
                } catch let error as ProviderError {
                    throw AgentModelError(code: "provider_error", message: error.description)
                }
                guard let event else { return nil }
                if let mapped = map(event) { return mapped }
            }
        }

        private func map(_ event: ProviderEvent) -> ModelEvent? {
            switch event {
            case .providerSelected(let name, let model):
                provider = name
                self.model = model
                return nil
            case .textDelta(let text):
                return .textDelta(text)
            case .toolCallStart(let index, let id, let name):
                calls[index] = ModelToolCall(id: id, name: name, arguments: "")
                return nil
            case .toolCallArgumentsDelta(let index, let fragment):
                calls[index]?.arguments += fragment
                return nil
            case .toolCallEnd(let index):
                return calls.removeValue(forKey: index).map(ModelEvent.toolCall)
            case .usage(let input, let output):
                return .usage(inputTokens: input, outputTokens: output, provider: provider, model: model)
            case .finish:
                return .finish
            }
        }
    }
}
#endif

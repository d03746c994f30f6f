@testable import Providers
import JSONCore

/// A typical turn of the resume-tailoring loop.
enum TestRequests {
    static let tools = [
        ToolDefinition(
            name: "read_resume",
            description: "Read a section of the resume",
            parameters: [
                "type": "object",
                "properties": ["section": ["type": "string", "description": "Section name"]],
                "required": ["section"],
                "additionalProperties": false,
            ]
        )
    ]

    static let turn = ChatRequest(
        system: "You tailor resumes truthfully.",
        messages: [
            .user("Tailor my resume to the job."),
            .assistant(text: nil, toolCalls: [ToolCall(id: "call_1", name: "read_resume", arguments: "{\"section\":\"skills\"}")]),
            .toolResult(ToolResult(callID: "call_1", name: "read_resume", content: "Swift, SQL")),
        ],
        tools: tools,
        temperature: 0.2,
        maxTokens: 512
    )

    static let simple = ChatRequest(messages: [.user("Hello")], temperature: 0.2, maxTokens: 64)
}

/// Collects a stream's events, or the error it ended with.
func collect(_ stream: AsyncThrowingStream<ProviderEvent, any Error>) async -> (events: [ProviderEvent], error: (any Error)?) {
    var events: [ProviderEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error)
    }
}

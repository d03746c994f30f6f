import IPC

/// The minimal built-in agent of the foundation: streams the message back word by word as
/// `assistant_delta`, like a model would. It exercises the full run path (dispatch, events,
/// cancel, one run per process) until the real agent runtime replaces it.
///
/// Input: `{"message": "...", "delay_ms": 0, "ignore_cancel": false}`. `ignore_cancel`
/// simulates a stuck worker so tests can prove the gateway kills it.
public struct EchoAgent: RunExecutor {
    public init() {}

    public func execute(_ run: RunStart, channel: any RunChannel) async throws -> RunEnd {
        let emit: @Sendable (RunEvent) async throws -> Void = { event in try await channel.emit(event.kind, event.payload) }
        let message = run.input["message"]?.stringValue ?? ""
        let delay = run.input["delay_ms"]?.numberValue ?? 0
        let ignoreCancel = run.input["ignore_cancel"]?.boolValue ?? false
        var words = message.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words == [""] { words = [] }
        for (index, word) in words.enumerated() {
            if !ignoreCancel, Task.isCancelled { return RunEnd(runId: run.runId, outcome: .cancelled) }
            if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
            let text = index == 0 ? word : " " + word
            try await emit(RunEvent(runId: run.runId, kind: "assistant_delta", payload: ["text": .string(text)]))
        }
        if ignoreCancel {
            // A stuck worker: never returns, whatever the gateway says.
            while true { try? await Task.sleep(for: .seconds(3600)) }
        }
        let count = Double(words.count)
        try await channel.usage(provider: "local", model: "echo", inputTokens: Int(count), outputTokens: Int(count))
        return RunEnd(runId: run.runId, outcome: Task.isCancelled ? .cancelled : .completed)
    }
}

import IPC

/// The minimal built-in agent of the foundation: streams the message back word by word as
/// `assistant_delta`, like a model would. It exercises the full run path (dispatch, events,
/// cancel, one run per process) without a model. `ignore_cancel` simulates a stuck worker so
/// tests can prove the gateway kills it.
public struct EchoAgent: Sendable {
    public init() {}

    public func execute(_ run: RunStart, request: EchoRequest, channel: any RunChannel) async throws -> RunEnd {
        let ignoreCancel = request.ignoreCancel ?? false
        var words = request.message.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words == [""] { words = [] }
        for (index, word) in words.enumerated() {
            if !ignoreCancel, Task.isCancelled { return RunEnd(runId: run.runId, outcome: .cancelled) }
            if let delay = request.delayMs, delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
            try await channel.emit(.assistantDelta, ["text": .string(index == 0 ? word : " " + word)])
        }
        if ignoreCancel {
            // A stuck worker: never returns, whatever the gateway says.
            while true { try? await Task.sleep(for: .seconds(3600)) }
        }
        try await channel.usage(provider: "local", model: "echo", inputTokens: words.count, outputTokens: words.count)
        return RunEnd(runId: run.runId, outcome: Task.isCancelled ? .cancelled : .completed)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation

/// `resume-agent-fakemodel`: an OpenAI-compatible model server for load tests, in its own
/// process so that the model's cost and timing stay apart from the server's. Prints
/// `resume-agent-fakemodel listening port=N` once bound. Point the server at it with
/// `RESUME_AGENT_PROVIDERS=openai OPENAI_BASE_URL=http://127.0.0.1:N/v1 OPENAI_API_KEY=x
/// OPENAI_MODEL=gpt-4o-mini`. Each message may override the defaults with a `#fakemodel {…}`
/// line (see ModelDirective).
@main
struct FakeModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume-agent-fakemodel",
        abstract: "An OpenAI-compatible fake model (streaming chat completions) for load tests."
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port; 0 picks a free one.") var port = 0
    @Option(name: .customLong("ttft-ms"), help: "Time to first token, ms.") var ttftMs = 0
    @Option(name: .customLong("tps"), help: "Tokens per second while streaming; 0 sends the answer at once.") var tokensPerSecond = 0.0
    @Option(help: "Tokens per text answer.") var tokens = 50
    @Option(help: "Make this tool call before answering (e.g. write_file), unless the message says otherwise.") var tool: String?
    @Option(name: .customLong("tool-arguments"), help: "JSON object of string arguments for --tool.") var toolArguments = "{}"
    @Option(name: .customLong("hang-limit-s"), help: "Longest a hanging stream stays open, s.") var hangLimitSeconds = 600
    @Flag(name: .customLong("exit-with-parent"), help: "Exit when the parent process goes away.") var exitWithParent = false

    func run() async throws {
        var defaults = ModelDirective(ttftMs: ttftMs, tokensPerSecond: tokensPerSecond, tokens: tokens)
        if let tool {
            guard let arguments = (try? JSONSerialization.jsonObject(with: Data(toolArguments.utf8))) as? [String: String] else {
                throw ValidationError("--tool-arguments must be a JSON object of strings")
            }
            defaults.calls = [ModelDirective.Call(name: tool, arguments: arguments)]
        }
        let server = FakeModelServer(defaults: defaults, hangLimit: .seconds(hangLimitSeconds))
        try await withThrowingDiscardingTaskGroup { group in
            if exitWithParent {
                // Polled rather than PR_SET_PDEATHSIG: that fires when the parent's spawning
                // *thread* exits, and a load driver spawns from a pool thread.
                let parent = getppid()
                group.addTask {
                    while getppid() == parent { try await Task.sleep(for: .milliseconds(500)) }
                    Glibc.exit(0)
                }
            }
            group.addTask {
                try await server.run(host: host, port: port) { port in
                    FileHandle.standardOutput.write(Data("resume-agent-fakemodel listening port=\(port)\n".utf8))
                }
            }
        }
    }
}

import Foundation

/// How the fake model answers one user message. The load driver writes it into the message it
/// sends (`#fakemodel {json}` on a line of its own); the worker forwards the message to the
/// model unchanged, and the fake model reads it back from the last `user` message. So every run
/// can script its own model behaviour (tool calls that need approval, a hanging stream, a
/// 2,000-token answer) with one long-lived model process, and the server sees ordinary
/// OpenAI traffic. Fields left out fall back to the fake model's command-line defaults.
///
/// This file is shared by `resume-agent-fakemodel` and `resume-agent-load` (symlinked).
struct ModelDirective: Codable, Sendable, Equatable {
    /// One tool call the model makes, one per model turn, before its final text answer.
    struct Call: Codable, Sendable, Equatable {
        var name: String
        var arguments: [String: String] = [:]
    }

    /// Time to first token (ms): from the request's arrival to the first content byte.
    var ttftMs: Int?
    /// Tokens per second while streaming; 0 streams everything at once.
    var tokensPerSecond: Double?
    /// Tokens of the final text answer.
    var tokens: Int?
    /// Tool calls, in order: model turn k (k = tool rounds since the user message) makes call k.
    var calls: [Call]?
    /// Tokens of the final answer when it follows tool calls (default: `tokens`).
    var tokensAfterCalls: Int?
    /// After the text, keep the stream open without finishing (until the client goes away).
    var hang: Bool?

    enum CodingKeys: String, CodingKey {
        case ttftMs = "ttft_ms"
        case tokensPerSecond = "tps"
        case tokens
        case calls
        case tokensAfterCalls = "tokens_after_calls"
        case hang
    }

    static let marker = "#fakemodel "

    /// The line to put in a message.
    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return Self.marker + String(decoding: data, as: UTF8.self)
    }

    /// The directive in a message, if it carries one.
    static func find(in content: String) -> ModelDirective? {
        guard let start = content.range(of: marker) else { return nil }
        let rest = content[start.upperBound...]
        let line = rest.prefix { $0 != "\n" }
        return try? JSONDecoder().decode(ModelDirective.self, from: Data(line.utf8))
    }
}

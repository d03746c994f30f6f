import Foundation
import JSONCore
import Providers

/// Throughput of the provider stream path a worker runs for every model turn: SSE parsing, the
/// JSON of each chunk, and normalization to provider events. Bodies are realistic OpenAI and
/// Gemini streams (text deltas with the usual envelope, tool-call fragments, usage), fed in
/// 4 KiB pieces as curl hands them over. In process, single thread, release build.
///
/// `RESUME_AGENT_BENCH_PASSES=N` runs exactly N passes instead of one second's worth: for
/// counting instructions (`valgrind --tool=callgrind`), which a loaded machine does not skew.
enum NormalizerBench {
    static let fixedPasses = ProcessInfo.processInfo.environment["RESUME_AGENT_BENCH_PASSES"].flatMap(Int.init)

    static func run() -> [Row] {
        let openAI = Array(openAIStream(chunks: 2_000).utf8)
        let gemini = Array(geminiStream(chunks: 2_000).utf8)
        return [
            measure("normalizer OpenAI stream", body: openAI, chunks: 2_000 + 4) {
                ProviderStreamDecoder(OpenAIStreamNormalizer(provider: "openai"), provider: "openai")
            },
            measure("normalizer Gemini stream", body: gemini, chunks: 2_000) {
                ProviderStreamDecoder(GeminiStreamNormalizer(provider: "gemini"), provider: "gemini")
            },
        ]
    }

    /// One OpenAI chunk's JSON, parsed by JSONCore's parser and by Foundation's `JSONDecoder`
    /// into the same `JSONValue`: the measurement behind keeping a hand-written parser.
    static func parsers() -> [Row] {
        let chunk = String(openAIStream(chunks: 1).split(separator: "\n")[0].dropFirst("data: ".count))
        let bytes = Array(chunk.utf8)
        let data = Data(bytes)
        let decoder = JSONDecoder()
        func rate(_ name: String, _ parse: () -> JSONValue?) -> Row {
            precondition(parse() != nil, "\(name) cannot parse the chunk")
            if let fixedPasses {
                for _ in 0..<fixedPasses * 1_000 { _ = parse() }
                return Row(name: name, value: "\(fixedPasses * 1_000) chunks")
            }
            var count = 0
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .seconds(1) {
                for _ in 0..<1_000 where parse() != nil { count += 1 }
            }
            let seconds = (ContinuousClock.now - start).microseconds / 1e6
            return Row(name: name, value: String(format: "%.0f chunks/s, %.1f MB/s", Double(count) / seconds, Double(count * bytes.count) / seconds / 1e6))
        }
        return [
            rate("chunk JSON, JSONCore parser") { try? JSONValue.parse(bytes: bytes) },
            rate("chunk JSON, Foundation JSONDecoder") { try? decoder.decode(JSONValue.self, from: data) },
        ]
    }

    /// Decodes `body` repeatedly for at least a second (after a warm-up pass) and reports MB/s
    /// and SSE chunks per second.
    static func measure<N: WireNormalizer>(
        _ name: String, body: [UInt8], chunks: Int, decoder make: () -> ProviderStreamDecoder<N>
    ) -> Row {
        let pieces = stride(from: 0, to: body.count, by: 4096).map { Array(body[$0..<min($0 + 4096, body.count)]) }
        var events = 0
        func pass() -> Int {
            var decoder = make()
            var output: [ProviderEvent] = []
            do {
                for piece in pieces { try decoder.feed(piece, into: &output) }
                try decoder.finish(into: &output)
            } catch {
                fatalError("benchmark stream rejected: \(error)")
            }
            return output.count
        }
        events = pass()
        if let fixedPasses {
            for _ in 0..<fixedPasses { events = pass() }
            return Row(name: name, value: "\(fixedPasses) passes (\(events) events per pass)")
        }
        var passes = 0
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(1) || passes < 5 {
            events = pass()
            passes += 1
        }
        let seconds = (ContinuousClock.now - start).microseconds / 1e6
        let megabytes = Double(body.count * passes) / 1e6
        return Row(
            name: name,
            value: String(format: "%.1f MB/s, %.0f chunks/s (%d events per pass)", megabytes / seconds, Double(chunks * passes) / seconds, events)
        )
    }

    /// A long answer as OpenAI streams it, then a parallel tool call in fragments and the usage chunk.
    static func openAIStream(chunks: Int) -> String {
        let envelope = #""id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1""#
        var out = ""
        for index in 0..<chunks {
            let text = words[index % words.count]
            out += #"data: {\#(envelope),"choices":[{"index":0,"delta":{"content":"\#(text)"},"logprobs":null,"finish_reason":null}],"usage":null}"# + "\n\n"
        }
        out += #"data: {\#(envelope),"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_Xr1","type":"function","function":{"name":"propose_resume_edit","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}"# + "\n\n"
        out += #"data: {\#(envelope),"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"old_text\": \"Led a team of five\", \"new_text\": \"Led a team of five engineers (Go, Kubernetes)\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}"# + "\n\n"
        out += #"data: {\#(envelope),"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}"# + "\n\n"
        out += #"data: {\#(envelope),"choices":[],"usage":{"prompt_tokens":412,"completion_tokens":2009,"total_tokens":2421,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}"# + "\n\n"
        return out + "data: [DONE]\n\n"
    }

    /// The same answer as Gemini streams it: whole `GenerateContentResponse`s with running usage.
    static func geminiStream(chunks: Int) -> String {
        var out = ""
        for index in 0..<chunks {
            let text = words[index % words.count]
            let finish = index == chunks - 1 ? #","finishReason":"STOP""# : ""
            out += #"data: {"candidates": [{"content": {"parts": [{"text": "\#(text)"}],"role": "model"}\#(finish),"index": 0}],"usageMetadata": {"promptTokenCount": 388,"candidatesTokenCount": \#(index),"totalTokenCount": \#(388 + index)},"modelVersion": "gemini-2.5-flash","responseId": "mW8xZ_abc"}"# + "\n\n"
        }
        return out
    }

    static let words = [
        "Your résumé", " matches 7 of 9", " requirements. The", " strongest evidence is", " \\\"Led a team of",
        " five engineers\\\"", " (line 12). Missing:", " Kubernetes, Terraform.", "\\n\\n**Suggestions**\\n", "- Move Go first",
    ]
}

import Testing
@testable import Providers

/// SplitMix64: a tiny seeded generator so "random" chunkings are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// How a body is cut into chunks: whole, one byte at a time, or random sizes from a seed.
enum Chunking: CustomTestStringConvertible, Sendable {
    case whole
    case bytewise
    case random(seed: UInt64, maxSize: Int)

    static let all: [Chunking] = {
        var cases: [Chunking] = [.whole, .bytewise]
        for seed in UInt64(1)...8 { cases.append(.random(seed: seed, maxSize: 1 + Int(seed) * 7)) }
        return cases
    }()

    func split(_ bytes: [UInt8]) -> [[UInt8]] {
        switch self {
        case .whole:
            return [bytes]
        case .bytewise:
            return bytes.map { [$0] }
        case .random(let seed, let maxSize):
            var generator = SeededGenerator(state: seed)
            var chunks: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                let size = Int.random(in: 1...maxSize, using: &generator)
                chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
                index += size
            }
            return chunks
        }
    }

    var testDescription: String {
        switch self {
        case .whole: "whole"
        case .bytewise: "bytewise"
        case .random(let seed, let maxSize): "random(seed: \(seed), max: \(maxSize))"
        }
    }
}

/// Feeds `body` to a decoder in `chunking`'s pieces and returns every event, or throws.
func decode<N: WireNormalizer>(_ body: String, with normalizer: N, chunking: Chunking) throws -> [ProviderEvent] {
    var decoder = ProviderStreamDecoder(normalizer, provider: "test")
    var events: [ProviderEvent] = []
    for chunk in chunking.split(Array(body.utf8)) {
        try decoder.feed(chunk, into: &events)
    }
    try decoder.finish(into: &events)
    return events
}

func decodeOpenAI(_ body: String, chunking: Chunking = .whole) throws -> [ProviderEvent] {
    try decode(body, with: OpenAIStreamNormalizer(provider: "test"), chunking: chunking)
}

func decodeGemini(_ body: String, chunking: Chunking = .whole) throws -> [ProviderEvent] {
    try decode(body, with: GeminiStreamNormalizer(provider: "test"), chunking: chunking)
}

/// The kind of the `ProviderError` `body` throws, or `nil` when it does not throw one.
func providerErrorKind(_ body: () throws -> Void) -> ProviderError.Kind? {
    do {
        try body()
        return nil
    } catch let error as ProviderError {
        return error.kind
    } catch {
        return nil
    }
}

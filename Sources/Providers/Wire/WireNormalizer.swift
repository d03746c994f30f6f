/// Turns one wire format's events into ``ProviderEvent``s. One instance per model turn.
public protocol WireNormalizer: Sendable {
    /// Consumes one server-sent event, appending what it produced to `output`.
    mutating func consume(_ event: SSEEvent, into output: inout [ProviderEvent]) throws(ProviderError)
    /// The stream ended: closes open tool calls, reports usage and the finish reason, or throws
    /// ``ProviderError/Kind/malformedStream(_:)`` when the turn was cut short.
    mutating func finish(into output: inout [ProviderEvent]) throws(ProviderError)
}

/// Bytes in, normalized events out: an ``SSEParser`` feeding a ``WireNormalizer``.
public struct ProviderStreamDecoder<Normalizer: WireNormalizer>: Sendable {
    private var parser = SSEParser()
    private var normalizer: Normalizer
    private var events: [SSEEvent] = []
    private let provider: String

    public init(_ normalizer: Normalizer, provider: String) {
        self.normalizer = normalizer
        self.provider = provider
    }

    /// Feeds a chunk of the response body, as it came off the wire.
    public mutating func feed(_ chunk: [UInt8], into output: inout [ProviderEvent]) throws(ProviderError) {
        events.removeAll(keepingCapacity: true)
        do {
            try parser.feed(chunk, into: &events)
        } catch {
            throw ProviderError(.malformedStream("an event-stream line exceeded \(parser.maximumLineBytes) bytes"), provider: provider)
        }
        for event in events { try normalizer.consume(event, into: &output) }
    }

    /// The body ended.
    public mutating func finish(into output: inout [ProviderEvent]) throws(ProviderError) {
        for event in parser.finish() { try normalizer.consume(event, into: &output) }
        try normalizer.finish(into: &output)
    }

    /// Convenience: feed and return the events.
    public mutating func feed(_ chunk: [UInt8]) throws(ProviderError) -> [ProviderEvent] {
        var output: [ProviderEvent] = []
        try feed(chunk, into: &output)
        return output
    }

    /// Convenience: finish and return the events.
    public mutating func finish() throws(ProviderError) -> [ProviderEvent] {
        var output: [ProviderEvent] = []
        try finish(into: &output)
        return output
    }
}

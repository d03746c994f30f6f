/// One server-sent event: the joined `data:` lines and the optional `event:` name.
public struct SSEEvent: Sendable, Equatable {
    public var event: String?
    public var data: String

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }
}

/// Why an event stream could not be read.
public enum SSEError: Error, Sendable, Equatable {
    /// One line grew beyond the limit without a line break: a broken or hostile server.
    case lineTooLong(limit: Int)
}

/// Incremental parser for `text/event-stream` (WHATWG HTML §9.2), fed arbitrary chunks.
///
/// Chunk boundaries may fall anywhere, including inside a UTF-8 sequence or between the CR and
/// LF of a CRLF (hence `afterCR`); lines end in LF, CR or CRLF; `:` lines are comments; several
/// `data:` lines join with `\n`; an empty line dispatches the event.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventName: String?
    private var afterCR = false
    private var atStart = true
    public let maximumLineBytes: Int

    public init(maximumLineBytes: Int = 8 << 20) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Feeds the next chunk; appends the events it completed to `events`.
    public mutating func feed(_ chunk: [UInt8], into events: inout [SSEEvent]) throws(SSEError) {
        try chunk.withUnsafeBufferPointer { buffer throws(SSEError) in
            var start = 0
            var index = 0
            if atStart { index = skipByteOrderMark(buffer); start = index }
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0A || byte == 0x0D {
                    let isLFOfCRLF = byte == 0x0A && afterCR && start == index && line.isEmpty
                    afterCR = byte == 0x0D
                    if !isLFOfCRLF {
                        line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                        processLine(into: &events)
                    }
                    start = index + 1
                } else if afterCR {
                    afterCR = false
                }
                index += 1
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
            guard line.count <= maximumLineBytes else { throw .lineTooLong(limit: maximumLineBytes) }
        }
    }

    /// Convenience for tests and benchmarks.
    public mutating func feed(_ chunk: [UInt8]) throws(SSEError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        try feed(chunk, into: &events)
        return events
    }

    /// Ends the stream. A last event without its blank line is still delivered: servers that
    /// close right after `data: …\n` meant it, and a truncated one fails in the JSON decoder.
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !line.isEmpty { processLine(into: &events) }
        dispatch(into: &events)
        return events
    }

    private mutating func skipByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        // A BOM split across chunks is vanishingly rare from an API server; only a whole one is skipped.
        guard !buffer.isEmpty else { return 0 }
        atStart = false
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { return 3 }
        return 0
    }

    private mutating func processLine(into events: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        var valueStart = colon == line.endIndex ? colon : colon + 1
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let field = line[..<colon]
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: line[valueStart...])
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventName = String(decoding: line[valueStart...], as: UTF8.self)
        }
        // `id` and `retry` matter for reconnecting browsers, not for one-shot API calls.
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventName = nil
        }
        guard hasData else { return }
        events.append(SSEEvent(event: eventName, data: String(decoding: data, as: UTF8.self)))
    }
}

import Testing
@testable import Providers

@Suite struct SSEParserTests {
    static let stream = "data: one\n\n: comment\ndata: two\ndata:three\n\nevent: error\ndata: {\"x\":1}\n\ndata\n\nid: 7\nretry: 10\n\n"

    static let expected = [
        SSEEvent(data: "one"), SSEEvent(data: "two\nthree"), SSEEvent(event: "error", data: "{\"x\":1}"), SSEEvent(data: ""),
    ]

    @Test(arguments: Chunking.all)
    func parserJoinsMultiLineDataAndSkipsComments(chunking: Chunking) throws {
        #expect(try parse(Self.stream, chunking) == Self.expected)
    }

    @Test(arguments: Chunking.all)
    func parserAcceptsCRLFAndBareCR(chunking: Chunking) throws {
        #expect(try parse(Self.stream.replacingOccurrences(of: "\n", with: "\r\n"), chunking) == Self.expected)
        #expect(try parse(Self.stream.replacingOccurrences(of: "\n", with: "\r"), chunking) == Self.expected)
    }

    @Test func parserDeliversLastEventWithoutBlankLineAtEnd() throws {
        var parser = SSEParser()
        #expect(try parser.feed(Array("data: [DONE]".utf8)).isEmpty)
        #expect(parser.finish() == [SSEEvent(data: "[DONE]")])
    }

    @Test func parserKeepsUTF8SplitAcrossChunks() throws {
        var parser = SSEParser()
        let bytes = Array("data: résumé\n\n".utf8)
        var events: [SSEEvent] = []
        for byte in bytes { try parser.feed([byte], into: &events) }
        #expect(events == [SSEEvent(data: "résumé")])
    }

    @Test func parserRejectsEndlessLine() {
        var parser = SSEParser(maximumLineBytes: 16)
        #expect(throws: SSEError.lineTooLong(limit: 16)) { try parser.feed(Array(repeating: UInt8(ascii: "a"), count: 17)) }
    }

    private func parse(_ text: String, _ chunking: Chunking) throws -> [SSEEvent] {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for chunk in chunking.split(Array(text.utf8)) { try parser.feed(chunk, into: &events) }
        return events + parser.finish()
    }
}

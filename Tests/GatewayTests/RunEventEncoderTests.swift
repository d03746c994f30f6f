import Foundation
import IPC
import NIOCore
import Store
import Testing

@testable import Gateway

@Suite("Run event encoder")
struct RunEventEncoderTests {
    @Test(arguments: [(UInt32(0), UInt64(0)), (UInt32(7), UInt64.max - 2), (UInt32.max, UInt64.max)])
    func idsAreValidDistinctAndStableForASeq(base: (UInt32, UInt64)) {
        let encoder = RunEventEncoder(runId: "run_x", sessionId: "sess_x", base: (base.0, base.1))
        let ids = (1...10).map { encoder.id(seq: $0) }
        #expect(Set(ids).count == ids.count, "the carry between the base's words keeps ids apart")
        for id in ids {
            #expect(Identifier.isValid(id, prefix: "evt"))
            #expect(id.utf8.count == 28)
            #expect(id.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(encoder.id(seq: 3) == ids[2])
    }

    @Test func twoRunsDrawDifferentIds() {
        let a = RunEventEncoder(runId: "run_a", sessionId: "s"), b = RunEventEncoder(runId: "run_b", sessionId: "s")
        #expect(a.id(seq: 1) != b.id(seq: 1))
    }

    @Test(arguments: [(0, 0), (1_771_070_400, 123), (1_771_070_400, 999), (1_771_070_401, 5), (1_771_070_399, 0), (4_102_444_799, 10)])
    func timestampsAreTimestampsOwnText(seconds: Int, milliseconds: Int) {
        var encoder = RunEventEncoder(runId: "run_x", sessionId: "sess_x")
        // Prime the per-second cache with another second first: it must be refreshed.
        _ = encoder.stamp(seconds: seconds - 1, milliseconds: 500)
        #expect(encoder.stamp(seconds: seconds, milliseconds: milliseconds) == Timestamp.format(seconds: seconds, milliseconds: milliseconds))
        #expect(encoder.stamp(seconds: seconds, milliseconds: 1) == Timestamp.format(seconds: seconds, milliseconds: 1))
    }

    @Test func nowReadsBackAsNow() throws {
        var encoder = RunEventEncoder(runId: "run_x", sessionId: "sess_x")
        let stamped = try #require(Timestamp.epochSeconds(of: encoder.now()))
        #expect(abs(stamped - Timestamp.epochSeconds()) < 5)
    }

    @Test(arguments: [
        "plain text", "", "quote \" and backslash \\ and slash /", "new\nline\r\ttab", "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
        "ünïcödé — 日本語 🙂", "\"\\\"", "end with escape\n", "é\u{1}é",
    ])
    func deltaPayloadsAreTheJSONOfTheirText(text: String) throws {
        let payload = EventPayload.assistantDelta(text: text)
        let encoded = RunEventEncoder.payloadText(payload)
        #expect(encoded == payload.json.jsonText)
        let decoded = try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String: String]
        #expect(decoded == ["text": text])
    }

    @Test func otherPayloadsAreTheirJSON() throws {
        let payload = EventPayload.runFailed(reason: .internal, code: "c", message: "m \"q\"")
        #expect(RunEventEncoder.payloadText(payload) == payload.json.jsonText)
    }

    @Test func aRecordCarriesTheRunAndTheSeq() {
        var encoder = RunEventEncoder(runId: "run_x", sessionId: "sess_x")
        let record = encoder.record(seq: 7, .assistantDelta(text: "hi"))
        #expect(record.runId == "run_x" && record.sessionId == "sess_x" && record.seq == 7 && record.type == .assistantDelta)
        #expect(record.id == encoder.id(seq: 7))
        #expect(record.payload == #"{"text":"hi"}"#)
    }
}

@Suite("SSE frame")
struct SSEFrameTests {
    @Test(arguments: [0, 1, 9, 10, 12_345, Int.max])
    func aFrameIsTheContractsEnvelope(seq: Int) throws {
        let event = EventRecord(
            id: "evt_1", runId: "run_1", sessionId: "sess_1", seq: seq, type: .assistantDelta, ts: "2026-02-14T12:00:00.000Z",
            payload: #"{"text":"a \"b\""}"#)
        let frame = String(buffer: SSEFrame.frames([event]))
        #expect(frame == "id: evt_1\nevent: assistant_delta\ndata: {\"event_id\":\"evt_1\",\"run_id\":\"run_1\",\"session_id\":\"sess_1\","
            + "\"type\":\"assistant_delta\",\"ts\":\"2026-02-14T12:00:00.000Z\",\"seq\":\(seq),\"payload\":{\"text\":\"a \\\"b\\\"\"}}\n\n")
        let data = try #require(frame.split(separator: "\n").first { $0.hasPrefix("data: ") }).dropFirst(6)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        #expect(envelope["seq"] as? Int == seq)
        #expect((envelope["payload"] as? [String: String])?["text"] == "a \"b\"")
    }
}

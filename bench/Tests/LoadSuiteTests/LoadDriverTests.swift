import Foundation
import NIOCore
import Synchronization
import Testing
@testable import resume_agent_load

@Suite("Load driver")
struct LoadDriverTests {
    static let stream = "id: evt_1\nevent: run_started\ndata: {\"seq\":1}\n\n: ping\n\nid: evt_2\r\nevent: assistant_delta\r\ndata: {\"seq\":2,\r\ndata: \"x\":1}\r\n\r\n"

    static func decodeAll(_ text: String, chunkSize: Int) -> [SSEMessage] {
        var decoder = SSEDecoder()
        var out: [SSEMessage] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            decoder.feed(ByteBuffer(bytes: bytes[index..<min(index + chunkSize, bytes.count)]), into: &out)
            index += chunkSize
        }
        return out
    }

    @Test(arguments: [1, 2, 7, 1000])
    func sseDecoderGivesTheSameEventsWhateverTheChunking(chunkSize: Int) {
        let events = Self.decodeAll(Self.stream, chunkSize: chunkSize)
        #expect(events.count == 3)
        #expect(events[0].id == "evt_1" && events[0].event == "run_started" && events[0].data == Array("{\"seq\":1}".utf8))
        #expect(events[1].isComment)
        #expect(events[2].id == "evt_2" && events[2].event == "assistant_delta")
        #expect(String(decoding: events[2].data, as: UTF8.self) == "{\"seq\":2,\n\"x\":1}")
    }

    @Test func envelopeDecodesTheFieldsTheDriverUses() throws {
        let json = #"{"event_id":"evt_9","run_id":"run_1","session_id":"sess_1","type":"run_failed","ts":"2026-02-14T12:00:01.250Z","seq":9,"payload":{"reason":"worker_crashed","error":{"code":"worker_crashed","message":"x"}}}"#
        let envelope = try #require(EventEnvelope.decode(Array(json.utf8)))
        #expect(envelope.isTerminal)
        #expect(envelope.seq == 9)
        #expect(envelope.payload?.reason == "worker_crashed")
        #expect(envelope.payload?.error?.code == "worker_crashed")
        #expect(envelope.timestamp == 1_771_070_401.25)
    }

    @Test func resumeEditQuotesOneUniqueLineAndChangesIt() throws {
        let fixtures = try Fixtures.load(from: Fixtures.defaultDirectory())
        for resume in fixtures.resumes where resume.contentType == "text/markdown" {
            let text = String(decoding: resume.bytes, as: UTF8.self)
            let edit = try #require(ResumeEditPicker.edit(of: text), "\(resume.name)")
            #expect(text.components(separatedBy: edit.old).count == 2, "the passage occurs exactly once")
            #expect(edit.new != edit.old)
            #expect(edit.new.trimmingCharacters(in: CharacterSet(charactersIn: ".")) == edit.old.trimmingCharacters(in: CharacterSet(charactersIn: ".")))
        }
        #expect(ResumeEditPicker.edit(of: "# Title\nshort\n") == nil)
    }

    @Test func percentilesAreNearestRank() {
        var samples = Samples()
        for value in 1...100 { samples.add(Double(value)) }
        #expect(samples.percentile(50) == 50)
        #expect(samples.percentile(95) == 95)
        #expect(samples.percentile(99) == 99)
        #expect(Samples().percentile(50) == nil)
    }

    @Test func runSlotsNeverLetMoreThanTheLimitIn() async {
        let slots = RunSlots(limit: 3)
        let counts = Locked((now: 0, peak: 0, done: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    await slots.acquire()
                    counts.withLock { state in
                        state.now += 1
                        state.peak = max(state.peak, state.now)
                    }
                    await Task.yield()
                    counts.withLock { state in
                        state.now -= 1
                        state.done += 1
                    }
                    slots.release()
                }
            }
        }
        #expect(counts.value.peak <= 3)
        #expect(counts.value.done == 24)
    }

    @Test func readyLineGivesThePort() {
        #expect(ServiceUnderTest.port(in: "Resume Agent is ready at http://127.0.0.1:41234/ (create an API token …)") == 41234)
        #expect(ServiceUnderTest.port(in: "no url") == nil)
    }

    @Test func everyProfileIsDefinedAndNamed() {
        for name in Profiles.names {
            #expect(Profiles.named(name)?.name == name)
        }
        #expect(Profiles.named("chaos-short")?.chaos != nil)
        #expect(Profiles.named("storm")?.chaos?.workerKillEvery == .milliseconds(30))
    }
}

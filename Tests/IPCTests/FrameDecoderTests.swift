import Foundation
import NIOCore
import Testing

@testable import IPC

@Suite("FrameDecoder")
struct FrameDecoderTests {
    static func frame(_ text: String) -> [UInt8] {
        Array(FrameEncoder.frame(Array(text.utf8)).readableBytesView)
    }

    @Test("decodes frames fed in chunks of any size", arguments: [1, 2, 3, 4, 5, 7, 64, 4096])
    func decodesChunked(chunkSize: Int) throws {
        let payloads = [#"{"a":1}"#, "", String(repeating: "x", count: 1000), #"{"type":"ping"}"#]
        let bytes = payloads.flatMap(Self.frame)
        var decoder = FrameDecoder()
        var decoded: [String] = []
        var index = 0
        while index < bytes.count {
            decoder.append(contentsOf: bytes[index..<min(index + chunkSize, bytes.count)])
            index += chunkSize
            while let frame = try decoder.nextFrame() {
                decoded.append(String(buffer: frame))
            }
        }
        #expect(decoded == payloads)
        try decoder.finish()
    }

    @Test func rejectsOversizedLengthBeforeReadingPayload() {
        var decoder = FrameDecoder(maximumFrameSize: 1024)
        // Only the header: 4 GiB - 1 announced, nothing else sent. Must fail now, not wait.
        decoder.append(contentsOf: [0xff, 0xff, 0xff, 0xff])
        #expect(throws: FrameError.frameTooLarge(length: Int(UInt32.max), maximum: 1024)) {
            _ = try decoder.nextFrame()
        }
    }

    @Test func acceptsFrameOfExactlyMaximumSize() throws {
        var decoder = FrameDecoder(maximumFrameSize: 16)
        decoder.append(contentsOf: Self.frame(String(repeating: "y", count: 16)))
        #expect(try decoder.nextFrame()?.readableBytes == 16)
    }

    @Test func reportsTruncatedPayloadAtClose() throws {
        var decoder = FrameDecoder()
        decoder.append(contentsOf: Self.frame(#"{"type":"ping"}"#).dropLast(3))
        #expect(try decoder.nextFrame() == nil)
        #expect(throws: FrameError.truncatedFrame(expected: 15, received: 12)) { try decoder.finish() }
    }

    @Test func reportsTruncatedHeaderAtClose() throws {
        var decoder = FrameDecoder()
        decoder.append(contentsOf: [0, 0])
        #expect(try decoder.nextFrame() == nil)
        #expect(throws: FrameError.truncatedFrame(expected: 4, received: 2)) { try decoder.finish() }
    }

    @Test func cleanCloseBetweenFramesIsNotAnError() throws {
        var decoder = FrameDecoder()
        decoder.append(contentsOf: Self.frame("{}"))
        _ = try decoder.nextFrame()
        try decoder.finish()
    }

    /// Thousands of random byte strings: every outcome is a frame, "need more", or a typed
    /// error — never a crash, never an allocation beyond the maximum.
    @Test func survivesRandomBytes() throws {
        var generator = SplitMix64(seed: 0x5eed)
        let codec = MessageCodec()
        var outcomes = (frames: 0, errors: 0, messages: 0)
        for _ in 0..<5000 {
            var decoder = FrameDecoder(maximumFrameSize: 4096)
            let length = Int(generator.next() % 256)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Half the time, make the header plausible so payload decoding is exercised too.
            if generator.next() % 2 == 0, bytes.count > 4 {
                let payload = bytes.count - 4
                bytes[0] = 0; bytes[1] = 0; bytes[2] = UInt8(payload >> 8); bytes[3] = UInt8(payload & 0xff)
            }
            decoder.append(contentsOf: bytes)
            do {
                while let frame = try decoder.nextFrame() {
                    outcomes.frames += 1
                    if (try? codec.decode(frame)) != nil { outcomes.messages += 1 }
                }
                try decoder.finish()
            } catch {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.frames > 100)
        #expect(outcomes.errors > 100)
    }

    @Test func survivesRandomJSONLikePayloads() {
        var generator = SplitMix64(seed: 42)
        let codec = MessageCodec()
        let fragments = [#"{"type":"#, #""run_event""#, #","run_id":"#, "1", "[", "]", "{", "}", #""x""#, ",", ":", "null", #"{"type":"hello","protocol_version":1,"role":"worker","pid":"#, "true", "\u{0}", "é"]
        var decoded = 0, refused = 0
        for _ in 0..<5000 {
            let count = Int(generator.next() % 12)
            let text = (0..<count).map { _ in fragments[Int(generator.next() % UInt64(fragments.count))] }.joined()
            do {
                _ = try codec.decode(ByteBuffer(string: text))
                decoded += 1
            } catch {
                // Every refusal is a typed frame error with a code the connection can log.
                #expect(!error.code.isEmpty)
                refused += 1
            }
        }
        #expect(decoded + refused == 5000)
        #expect(refused > 4000)
    }
}

/// Deterministic PRNG so a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

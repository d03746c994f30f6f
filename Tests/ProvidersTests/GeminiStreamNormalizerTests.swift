import Foundation
import Testing
@testable import Providers
import JSONCore

/// Contract tests: recorded Gemini streams, fed in every chunking.
@Suite struct GeminiStreamNormalizerTests {
    @Test(arguments: Chunking.all)
    func plainTextCountsThinkingTokensAsOutput(chunking: Chunking) throws {
        #expect(try decodeGemini(GeminiFixtures.plainText, chunking: chunking) == GeminiFixtures.plainTextEvents.events)
    }

    @Test(arguments: Chunking.all)
    func functionCallsBecomeStartArgumentsEnd(chunking: Chunking) throws {
        #expect(try decodeGemini(GeminiFixtures.functionCalls, chunking: chunking) == GeminiFixtures.functionCallEvents.events)
    }

    @Test(arguments: Chunking.all)
    func safetyFinishThrowsSafetyBlocked(chunking: Chunking) {
        let kind = providerErrorKind { _ = try decodeGemini(GeminiFixtures.safetyBlocked, chunking: chunking) }
        #expect(kind == .safetyBlocked("answer blocked: SAFETY"))
    }

    @Test func blockedPromptThrowsSafetyBlocked() {
        let kind = providerErrorKind { _ = try decodeGemini(GeminiFixtures.promptBlocked) }
        #expect(kind == .safetyBlocked("prompt blocked: PROHIBITED_CONTENT"))
    }

    @Test func maxTokensFinishIsLength() throws {
        #expect(try decodeGemini(GeminiFixtures.maxTokens) == [.textDelta("Summary: strong Swift"), .usage(input: 10, output: 4), .finish(.length)])
    }

    @Test(arguments: Chunking.all)
    func malformedChunkIsReadableMalformedStream(chunking: Chunking) {
        let kind = providerErrorKind { _ = try decodeGemini(GeminiFixtures.malformedChunk, chunking: chunking) }
        guard case .malformedStream(let message)? = kind else {
            Issue.record("expected malformedStream, got \(String(describing: kind))")
            return
        }
        #expect(message.contains("chunk 2 is not valid JSON"))
        #expect(message.contains("expected ',' or '}'"))
    }

    @Test func streamWithoutFinishReasonIsMalformed() {
        let cut = String(GeminiFixtures.plainText.split(separator: "\n\n").first ?? "") + "\n\n"
        guard case .malformedStream? = providerErrorKind({ _ = try decodeGemini(cut) }) else {
            Issue.record("a cut stream must not look complete")
            return
        }
    }

    @Test func invalidKeyBodyIsRequestError() {
        let error = classify(400, GeminiFixtures.errorInvalidKey)
        #expect(error.kind == .http(status: 400, excerpt: "API key not valid. Please pass a valid API key."))
    }

    @Test func quotaBodyCarriesRetryInfoDelay() {
        #expect(classify(429, GeminiFixtures.errorQuota).kind == .rateLimited(retryAfter: .seconds(17)))
    }

    private func classify(_ status: Int, _ body: String) -> ProviderError {
        ErrorBody.classify(status: status, headers: [:], body: Array(body.utf8), provider: "gemini", key: nil, detectsQuirks: false)
    }
}

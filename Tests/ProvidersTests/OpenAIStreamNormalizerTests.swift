import Foundation
import Testing
@testable import Providers
import JSONCore
import NetGuard

/// Contract tests: recorded OpenAI-compatible streams, fed in every chunking.
@Suite struct OpenAIStreamNormalizerTests {
    @Test(arguments: Chunking.all)
    func plainTextWithUsageOnlyInLastChunk(chunking: Chunking) throws {
        #expect(try decodeOpenAI(OpenAIFixtures.plainText, chunking: chunking) == OpenAIFixtures.plainTextEvents.events)
    }

    @Test(arguments: Chunking.all)
    func parallelToolCallsWithFragmentedArguments(chunking: Chunking) throws {
        #expect(try decodeOpenAI(OpenAIFixtures.parallelToolCalls, chunking: chunking) == OpenAIFixtures.parallelToolCallEvents.events)
    }

    @Test(arguments: Chunking.all)
    func streamsSurviveCRLFLineEndings(chunking: Chunking) throws {
        let crlf = OpenAIFixtures.parallelToolCalls.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try decodeOpenAI(crlf, chunking: chunking) == OpenAIFixtures.parallelToolCallEvents.events)
    }

    @Test(arguments: Chunking.all)
    func llamaCppToolCallWithoutUsage(chunking: Chunking) throws {
        #expect(try decodeOpenAI(OpenAIFixtures.llamaCppToolCall, chunking: chunking) == OpenAIFixtures.llamaCppToolCallEvents.events)
    }

    @Test(arguments: Chunking.all)
    func ollamaStopAfterToolCallMeansToolCalls(chunking: Chunking) throws {
        #expect(try decodeOpenAI(OpenAIFixtures.ollamaToolCall, chunking: chunking) == OpenAIFixtures.ollamaToolCallEvents.events)
    }

    @Test(arguments: Chunking.all)
    func vllmFragmentsWithoutIndexAreAttributedById(chunking: Chunking) throws {
        #expect(try decodeOpenAI(OpenAIFixtures.vllmMissingIndex, chunking: chunking) == OpenAIFixtures.vllmMissingIndexEvents.events)
    }

    @Test func fragmentsConcatenateToValidArguments() throws {
        var arguments: [Int: String] = [:]
        for case .toolCallArgumentsDelta(let index, let fragment) in try decodeOpenAI(OpenAIFixtures.parallelToolCalls) {
            arguments[index, default: ""] += fragment
        }
        #expect(try JSONValue.parse(arguments[0] ?? "") == ["section": "experience"])
        #expect(try JSONValue.parse(arguments[1] ?? "") == ["strict": true])
    }

    @Test(arguments: Chunking.all)
    func malformedChunkIsReadableMalformedStream(chunking: Chunking) throws {
        let kind = providerErrorKind { _ = try decodeOpenAI(OpenAIFixtures.malformedChunk, chunking: chunking) }
        guard case .malformedStream(let message)? = kind else {
            Issue.record("expected malformedStream, got \(String(describing: kind))")
            return
        }
        #expect(message.contains("chunk 2 is not valid JSON"))
        #expect(message.contains("unterminated string") || message.contains("control character"))
    }

    @Test func errorInsideStreamIsServerError() {
        let kind = providerErrorKind { _ = try decodeOpenAI(OpenAIFixtures.midStreamError) }
        guard case .server(500, let excerpt, nil)? = kind else {
            Issue.record("expected server error, got \(String(describing: kind))")
            return
        }
        #expect(excerpt.contains("The server had an error"))
    }

    @Test func truncatedStreamIsMalformed() {
        let kind = providerErrorKind { _ = try decodeOpenAI(OpenAIFixtures.truncated) }
        guard case .malformedStream(let message)? = kind else {
            Issue.record("expected malformedStream, got \(String(describing: kind))")
            return
        }
        #expect(message.contains("ended before the model finished"))
    }

    @Test func eventsAfterDoneAreIgnored() throws {
        let events = try decodeOpenAI(OpenAIFixtures.plainText + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"}}]}\n\n")
        #expect(events == OpenAIFixtures.plainTextEvents.events)
    }

    // MARK: - Error bodies

    @Test func invalidKeyBodyIsRequestError() {
        let error = classify(401, OpenAIFixtures.errorInvalidKey)
        #expect(error.kind == .http(status: 401, excerpt: "Incorrect API key provided: sk-test-*******************************1234. You can find your API key at https://platform.openai.com/account/api-keys."))
        #expect(!error.isTransient)
    }

    @Test func rateLimitBodyWithRetryAfterHeader() {
        let error = classify(429, OpenAIFixtures.errorRateLimited, headers: ["Retry-After": "2"])
        #expect(error.kind == .rateLimited(retryAfter: .seconds(2)))
        #expect(error.isTransient)
    }

    @Test func serverErrorBodyIsTransient() {
        let error = classify(500, OpenAIFixtures.errorServer)
        #expect(error.kind == .server(status: 500, excerpt: "The server had an error while processing your request. Sorry about that!", retryAfter: nil))
        #expect(error.isTransient)
    }

    @Test func temperatureAndMaxTokensRejectionsAreQuirks() {
        guard case .quirk(.temperatureUnsupported, _) = classify(400, OpenAIFixtures.errorTemperature).kind else {
            Issue.record("temperature rejection not recognised")
            return
        }
        guard case .quirk(.maxCompletionTokensRequired, _) = classify(400, OpenAIFixtures.errorMaxTokens).kind else {
            Issue.record("max_tokens rejection not recognised")
            return
        }
    }

    @Test func nonJSONErrorBodyIsExcerpted() {
        let error = classify(502, "<html><body>Bad gateway</body></html>")
        #expect(error.kind == .server(status: 502, excerpt: "<html><body>Bad gateway</body></html>", retryAfter: nil))
    }

    private func classify(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> ProviderError {
        ErrorBody.classify(status: status, headers: headers, body: Array(body.utf8), provider: "openai", key: nil, detectsQuirks: true)
    }
}

import NetGuard
import ProviderCatalog

/// One streaming model call, pulled by its consumer: the first `next()` sends the request, later
/// ones read body chunks and hand out the normalized events one by one.
///
/// Driven through `AsyncThrowingStream(unfolding:)`, so the work runs in the consumer's task: no
/// unowned task, and cancelling the consumer cancels the HTTP transfer.
actor StreamingCall<Normalizer: WireNormalizer> {
    private enum State {
        case idle
        case streaming(AsyncThrowingStream<[UInt8], any Error>.AsyncIterator)
        case done
    }

    /// Error bodies are excerpted; more than this is never read.
    static var errorBodyLimit: Int { 64 << 10 }

    private let client: HTTPClient
    private let request: HTTPRequest
    private let provider: String
    private let key: APIKey?
    private let detectsQuirks: Bool
    private var decoder: ProviderStreamDecoder<Normalizer>
    private var state = State.idle
    private var pending: [ProviderEvent] = []
    private var cursor = 0

    init(client: HTTPClient, request: HTTPRequest, normalizer: Normalizer, provider: String, key: APIKey?, detectsQuirks: Bool) {
        self.client = client
        self.request = request
        self.provider = provider
        self.key = key
        self.detectsQuirks = detectsQuirks
        self.decoder = ProviderStreamDecoder(normalizer, provider: provider)
    }

    /// A stream of this call's events.
    nonisolated func events() -> AsyncThrowingStream<ProviderEvent, any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }

    func next() async throws -> ProviderEvent? {
        do {
            return try await advance()
        } catch {
            state = .done
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            throw error
        }
    }

    private func advance() async throws -> ProviderEvent? {
        while true {
            if cursor < pending.count {
                cursor += 1
                return pending[cursor - 1]
            }
            pending.removeAll(keepingCapacity: true)
            cursor = 0
            switch state {
            case .done:
                return nil
            case .idle:
                state = .streaming(try await open())
            case .streaming(var iterator):
                let chunk = try await readChunk(&iterator)
                state = .streaming(iterator)
                if let chunk {
                    try decoder.feed(chunk, into: &pending)
                } else {
                    // A consumer cancelled mid-stream sees the body end early: not a malformed stream.
                    try Task.checkCancellation()
                    state = .done
                    try decoder.finish(into: &pending)
                }
            }
        }
    }

    private func open() async throws -> AsyncThrowingStream<[UInt8], any Error>.AsyncIterator {
        let response: HTTPStreamingResponse
        do {
            response = try await client.execute(request)
        } catch {
            throw Self.providerError(error, provider: provider)
        }
        guard response.head.isSuccess else {
            let body = (try? await response.collect(upTo: Self.errorBodyLimit)) ?? []
            try Task.checkCancellation()
            throw ErrorBody.classify(
                status: response.head.status, headers: response.head.headers, body: body,
                provider: provider, key: key, detectsQuirks: detectsQuirks
            )
        }
        return response.body.makeAsyncIterator()
    }

    private func readChunk(_ iterator: inout AsyncThrowingStream<[UInt8], any Error>.AsyncIterator) async throws -> [UInt8]? {
        do {
            return try await iterator.next(isolation: self)
        } catch let error as HTTPClientError {
            throw Self.providerError(error, provider: provider)
        }
    }

    static func providerError(_ error: HTTPClientError, provider: String) -> any Error {
        switch error {
        case .timeout: ProviderError(.timeout, provider: provider)
        case .connectFailed(let message): ProviderError(.connection(message), provider: provider)
        case .curl(_, let message): ProviderError(.connection(message), provider: provider)
        case .invalidRequest(let message): ProviderError(.http(status: 0, excerpt: message), provider: provider)
        case .tooLarge(let limit): ProviderError(.malformedStream("the response exceeded \(limit) bytes"), provider: provider)
        case .cancelled: CancellationError()
        }
    }
}

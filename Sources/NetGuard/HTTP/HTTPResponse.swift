/// Status line and headers, available before the body.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders

    public init(status: Int, headers: HTTPHeaders) {
        self.status = status
        self.headers = headers
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A response whose body is still arriving: chunks as curl receives them.
///
/// The body stream throws ``HTTPClientError``. Dropping it, or cancelling the task that iterates
/// it, aborts the transfer.
public struct HTTPStreamingResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(head: HTTPResponseHead, body: AsyncThrowingStream<[UInt8], any Error>) {
        self.head = head
        self.body = body
    }

    /// Reads the rest of the body, keeping at most `limit` bytes (error bodies are only excerpted).
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var collected: [UInt8] = []
        for try await chunk in body {
            collected.append(contentsOf: chunk.prefix(max(0, limit - collected.count)))
            if collected.count >= limit { break }
        }
        return collected
    }
}

import CCurl

/// Outbound HTTP over libcurl for the worker: LLM streaming calls and job-page fetches.
///
/// Each request gets its own easy handle and thread, so a slow provider never blocks a Swift
/// concurrency thread. TLS verification is always on; redirects are off unless asked for.
///
/// Hand-written over libcurl rather than a Swift HTTP client because the SSRF defence needs
/// control no client library gives: `CURLOPT_RESOLVE` pins the connection to exactly the
/// addresses ``AddressPolicy`` checked (a second DNS answer cannot move it: no rebinding), no
/// proxy can connect elsewhere on our behalf, and redirects are never followed by the
/// transport but returned, so ``JobPageFetcher`` re-checks every hop. The design also names
/// libcurl for provider streaming (one transport, one set of timeouts).
public struct HTTPClient: Sendable {
    public init() {}

    /// Sends `request` and returns once the status and headers arrived; the body follows as a
    /// stream of chunks. Cancelling the calling task aborts the transfer.
    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPStreamingResponse {
        let initCode = ra_curl_global_init_once()
        guard initCode == CURLE_OK else {
            throw .curl(code: Int(initCode.rawValue), message: "curl_global_init failed")
        }
        if Task.isCancelled { throw .cancelled }
        let transfer = try CurlTransfer(request)
        let (body, bodyContinuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        // Whoever stops listening (drop, cancel) stops the transfer; after a normal finish it is a no-op.
        bodyContinuation.onTermination = { _ in transfer.cancel() }
        do {
            let head = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (headContinuation: CheckedContinuation<HTTPResponseHead, any Error>) in
                    transfer.start(head: headContinuation, body: bodyContinuation)
                }
            } onCancel: {
                transfer.cancel()
            }
            return HTTPStreamingResponse(head: head, body: body)
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw .cancelled
        }
    }

    /// Sends `request` and collects the whole body (bounded by ``HTTPRequest/maxResponseBytes``).
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> (head: HTTPResponseHead, body: [UInt8]) {
        let response = try await execute(request)
        var body: [UInt8] = []
        do {
            for try await chunk in response.body { body.append(contentsOf: chunk) }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw .cancelled
        }
        return (response.head, body)
    }
}

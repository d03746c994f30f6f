import CCurl
import Foundation
import Synchronization

/// One request on one libcurl easy handle, driven by its own thread through a private multi
/// handle: `curl_multi_poll` lets ``cancel()`` wake the transfer at once (`curl_multi_wakeup`)
/// instead of waiting up to a second for curl's next progress callback.
///
/// Thread confinement: everything but `shared` is touched only by the transfer thread once
/// ``start(head:body:)`` ran (and by `init`/`deinit`, which no other thread overlaps).
final class CurlTransfer: @unchecked Sendable {
    private struct Shared {
        var cancelled = false
        var finished = false
    }

    private let easy: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let limit: Int
    private let followRedirects: Bool

    private var headContinuation: CheckedContinuation<HTTPResponseHead, any Error>?
    private var bodyContinuation: AsyncThrowingStream<[UInt8], any Error>.Continuation?
    private var pendingHeaders = HTTPHeaders()
    private var received = 0
    private var failure: HTTPClientError?
    private let shared = Mutex(Shared())

    init(_ request: HTTPRequest) throws(HTTPClientError) {
        guard let easy = curl_easy_init() else { throw .curl(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed") }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(easy)
            throw .curl(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_multi_init failed")
        }
        self.easy = easy
        self.multi = multi
        let size = Int(ra_curl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        limit = request.maxResponseBytes
        followRedirects = request.followRedirects
        try configure(request)
    }

    deinit {
        curl_multi_remove_handle(multi, easy)
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
        curl_slist_free_all(headerList)
        curl_slist_free_all(resolveList)
        errorBuffer.deallocate()
    }

    // MARK: - Control

    /// Runs the transfer on a new thread; resumes `head` once the status and headers are in (or
    /// with the error that prevented them), then feeds `body`.
    func start(
        head: CheckedContinuation<HTTPResponseHead, any Error>,
        body: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) {
        headContinuation = head
        bodyContinuation = body
        let thread = Thread { self.run() }
        thread.name = "curl-transfer"
        thread.start()
    }

    /// Aborts the transfer promptly; safe from any thread, any number of times.
    func cancel() {
        shared.withLock { state in
            state.cancelled = true
            // The multi handle lives until deinit, and this call holds a reference: no use-after-free.
            if !state.finished { _ = curl_multi_wakeup(multi) }
        }
    }

    private var isCancelled: Bool { shared.withLock { $0.cancelled } }

    // MARK: - Transfer thread

    private func run() {
        curl_multi_add_handle(multi, easy)
        var result = CURLE_OK
        var running: Int32 = 1
        while true {
            if isCancelled {
                failure = failure ?? .cancelled
                break
            }
            let code = curl_multi_perform(multi, &running)
            guard code == CURLM_OK else {
                failure = failure ?? .curl(code: Int(code.rawValue), message: String(cString: curl_multi_strerror(code)))
                break
            }
            if running == 0 {
                result = completionResult()
                break
            }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        shared.withLock { $0.finished = true }
        complete(result)
    }

    private func completionResult() -> CURLcode {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            if message.pointee.msg == CURLMSG_DONE { return ra_curl_msg_result(message) }
        }
        return CURLE_OK
    }

    private func complete(_ result: CURLcode) {
        let error = failure ?? (result == CURLE_OK ? nil : mapError(result))
        if let error {
            headContinuation?.resume(throwing: error)
            bodyContinuation?.finish(throwing: error)
        } else {
            deliverHeadIfNeeded()
            bodyContinuation?.finish()
        }
        headContinuation = nil
        bodyContinuation = nil
    }

    private func mapError(_ code: CURLcode) -> HTTPClientError {
        let message = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: limit)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
            CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return .connectFailed(message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest(message)
        default:
            return .curl(code: Int(code.rawValue), message: message)
        }
    }

    // MARK: - Callbacks (transfer thread)

    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            pendingHeaders = HTTPHeaders()
        } else if line.isEmpty {
            let status = responseCode()
            // Interim responses (100 Continue) and redirects curl follows are not the answer.
            if status < 200 || (followRedirects && (300..<400).contains(status) && pendingHeaders["location"] != nil) {
                pendingHeaders = HTTPHeaders()
            } else {
                deliverHeadIfNeeded()
            }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            pendingHeaders.add(name, value)
        }
    }

    /// Returns the number of bytes taken; anything else makes curl abort the transfer.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if isCancelled {
            failure = failure ?? .cancelled
            return 0
        }
        received += bytes.count
        guard received <= limit else {
            failure = .tooLarge(limit: limit)
            return 0
        }
        deliverHeadIfNeeded()
        bodyContinuation?.yield(Array(bytes))
        return bytes.count
    }

    fileprivate func progress() -> Int32 {
        isCancelled ? 1 : 0
    }

    private func deliverHeadIfNeeded() {
        guard let continuation = headContinuation else { return }
        headContinuation = nil
        continuation.resume(returning: HTTPResponseHead(status: responseCode(), headers: pendingHeaders))
    }

    private func responseCode() -> Int {
        var code = 0
        _ = ra_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    // MARK: - Options

    private func configure(_ request: HTTPRequest) throws(HTTPClientError) {
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, 5)
        // Never disabled: a provider key must not go to whoever answers the TLS handshake.
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.totalTimeout))
        if let idle = request.idleTimeout {
            try set(CURLOPT_LOW_SPEED_LIMIT, 1)
            try set(CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(idle) / 1000))
        }
        try check(ra_curl_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes)))
        try set(CURLOPT_USERAGENT, "resume-agent/1")
        if !request.useEnvironmentProxy { try set(CURLOPT_PROXY, "") }
        try check(ra_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try configureHeaders(request.headers)
        try configureResolve(request.pinnedAddresses)
        try configureMethod(request)
        try configureCallbacks()
    }

    private func configureHeaders(_ headers: HTTPHeaders) throws(HTTPClientError) {
        // "Expect:" turns off curl's 100-continue wait on larger POST bodies (a 1 s stall per request).
        for line in headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            guard let list = curl_slist_append(headerList, line) else { throw .invalidRequest("cannot add header") }
            headerList = list
        }
        try check(ra_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList))
    }

    private func configureResolve(_ entries: [String]) throws(HTTPClientError) {
        guard !entries.isEmpty else { return }
        for entry in entries {
            guard let list = curl_slist_append(resolveList, entry) else { throw .invalidRequest("cannot add resolve entry") }
            resolveList = list
        }
        try check(ra_curl_setopt_pointer(easy, CURLOPT_RESOLVE, resolveList))
    }

    private func configureMethod(_ request: HTTPRequest) throws(HTTPClientError) {
        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .post:
            try set(CURLOPT_POST, 1)
            try check(ra_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS copies the bytes, so the body's lifetime ends here.
            var body = request.body
            body.append(0)
            let code = body.withUnsafeMutableBytes { ra_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
            try check(code)
        }
    }

    private func configureCallbacks() throws(HTTPClientError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ra_curl_setopt_write_function(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        try check(ra_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        try check(ra_curl_setopt_header_function(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        try check(ra_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        try check(ra_curl_setopt_xferinfo_function(easy) { context, _, _, _, _ in
            guard let context else { return 1 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().progress()
        })
        try check(ra_curl_setopt_pointer(easy, CURLOPT_XFERINFODATA, context))
        try set(CURLOPT_NOPROGRESS, 0)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(ra_curl_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
        try check(ra_curl_setopt_string(easy, option, value))
    }

    private func check(_ code: CURLcode) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw .invalidRequest(String(cString: curl_easy_strerror(code)))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

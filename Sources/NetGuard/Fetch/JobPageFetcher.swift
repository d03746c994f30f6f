import Foundation

/// Fetches a job description from a user-supplied URL without becoming a tool for server-side
/// request forgery.
///
/// Every hop: http/https only; the host is resolved here and every address checked with
/// ``AddressPolicy``; curl is then pinned to those addresses (`CURLOPT_RESOLVE`) so a second DNS
/// answer (rebinding) cannot move the connection; redirects are followed here, re-checked, at
/// most ``Limits/maxRedirects``; no proxy. The body is size- and time-limited and must be HTML
/// or plain text; turning HTML into readable text is the caller's (the resume domain's) job.
public struct JobPageFetcher: Sendable {
    public struct Limits: Sendable, Equatable {
        public var maxBytes: Int
        public var totalTimeout: Duration
        public var connectTimeout: Duration
        public var maxRedirects: Int

        public init(maxBytes: Int = 2 << 20, totalTimeout: Duration = .seconds(10), connectTimeout: Duration = .seconds(5), maxRedirects: Int = 5) {
            self.maxBytes = maxBytes
            self.totalTimeout = totalTimeout
            self.connectTimeout = connectTimeout
            self.maxRedirects = maxRedirects
        }
    }

    public var policy: AddressPolicy
    public var limits: Limits
    private let client: HTTPClient
    private let resolver: any HostResolver

    public init(
        policy: AddressPolicy = AddressPolicy(),
        limits: Limits = Limits(),
        client: HTTPClient = HTTPClient(),
        resolver: any HostResolver = SystemHostResolver()
    ) {
        self.policy = policy
        self.limits = limits
        self.client = client
        self.resolver = resolver
    }

    /// Fetches `url` and returns the page, decoded to text.
    /// - Throws: ``JobPageFetchError``, or `CancellationError` when the task is cancelled.
    public func fetch(_ url: String) async throws -> FetchedJobPage {
        let deadline = ContinuousClock.now + limits.totalTimeout
        var current = url
        for _ in 0...limits.maxRedirects {
            let target = try FetchTarget(current)
            let addresses = try await checkedAddresses(for: target)
            let response = try await send(target, pinnedTo: addresses, deadline: deadline)
            if let location = redirectLocation(response.head) {
                guard let next = URL(string: location, relativeTo: URL(string: target.url))?.absoluteString else {
                    throw JobPageFetchError(.fetchFailed, "The page redirected to an invalid address.")
                }
                current = next
                continue
            }
            return try await page(from: response, url: target.url)
        }
        throw JobPageFetchError(.fetchFailed, "The page redirected too many times.", detail: "more than \(limits.maxRedirects) redirects")
    }

    // MARK: - Steps

    private func checkedAddresses(for target: FetchTarget) async throws -> [IPAddress] {
        let early = policy.check(url: target.url)
        guard early.isAllowed else { throw JobPageFetchError.notAllowed(Self.reason(early)) }
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.resolve(host: target.host, port: target.port)
        } catch {
            try Task.checkCancellation()
            throw JobPageFetchError(.fetchFailed, "The site's name could not be found.", detail: "\(error)")
        }
        let decision = policy.check(host: target.host, port: target.port, resolved: addresses)
        guard decision.isAllowed else { throw JobPageFetchError.notAllowed(Self.reason(decision)) }
        return addresses
    }

    private func send(_ target: FetchTarget, pinnedTo addresses: [IPAddress], deadline: ContinuousClock.Instant) async throws -> HTTPStreamingResponse {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw Self.timedOut(limits) }
        let request = HTTPRequest(
            method: .get,
            url: target.url,
            headers: ["Accept": "text/html, application/xhtml+xml, text/plain;q=0.9"],
            connectTimeout: min(limits.connectTimeout, remaining),
            totalTimeout: remaining,
            maxResponseBytes: limits.maxBytes,
            followRedirects: false,
            pinnedAddresses: [target.resolveEntry(addresses)],
            useEnvironmentProxy: false
        )
        do {
            return try await client.execute(request)
        } catch {
            throw map(error)
        }
    }

    private func redirectLocation(_ head: HTTPResponseHead) -> String? {
        guard [301, 302, 303, 307, 308].contains(head.status) else { return nil }
        return head.headers["location"]
    }

    private func page(from response: HTTPStreamingResponse, url: String) async throws -> FetchedJobPage {
        guard response.head.isSuccess else {
            throw JobPageFetchError(.fetchFailed, "The page answered with HTTP status \(response.head.status).")
        }
        let contentType = response.head.headers["content-type"] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard Self.htmlTypes.contains(mediaType) || mediaType == "text/plain" else {
            throw JobPageFetchError(
                .unsupportedContent, "The address is not a web page or text (it is \(mediaType.isEmpty ? "of unknown type" : mediaType)).")
        }
        var body: [UInt8] = []
        do {
            for try await chunk in response.body { body.append(contentsOf: chunk) }
        } catch let error as HTTPClientError {
            throw map(error)
        }
        return FetchedJobPage(finalURL: url, mediaType: mediaType, body: Self.decode(body, contentType: contentType))
    }

    // MARK: - Helpers

    static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    private func map(_ error: HTTPClientError) -> any Error {
        switch error {
        case .tooLarge:
            JobPageFetchError(.tooLarge, "The page is larger than \(limits.maxBytes / 1024) KiB.")
        case .timeout:
            Self.timedOut(limits)
        case .cancelled:
            CancellationError()
        case .connectFailed(let message):
            JobPageFetchError(.fetchFailed, "The site could not be reached.", detail: message)
        case .invalidRequest(let message), .curl(_, let message):
            JobPageFetchError(.fetchFailed, "The page could not be fetched.", detail: message)
        }
    }

    private static func timedOut(_ limits: Limits) -> JobPageFetchError {
        JobPageFetchError(.fetchFailed, "The site took too long to answer.", detail: "over \(limits.totalTimeout)")
    }

    private static func reason(_ decision: AddressPolicy.Decision) -> String {
        if case .refused(let reason) = decision { return reason.rawValue }
        return "allowed"
    }

    private static func decode(_ body: [UInt8], contentType: String) -> String {
        let lowered = contentType.lowercased()
        if lowered.contains("charset=iso-8859-1") || lowered.contains("charset=latin1") || lowered.contains("charset=windows-1252") {
            return String(bytes: body, encoding: .isoLatin1) ?? String(decoding: body, as: UTF8.self)
        }
        return String(decoding: body, as: UTF8.self)
    }
}

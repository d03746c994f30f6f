import Foundation
import Synchronization
import Testing
@testable import NetGuard
import HTTPTestSupport

/// SSRF defences of the job-page fetch, with loopback servers standing in for the internet.
@Suite struct JobPageFetcherTests {
    static let html = """
        <html><head><title>Jobs</title><script>var tracking = "secret-script";</script></head>
        <body><nav>Home | Careers</nav><h1>Senior Swift Engineer</h1>
        <p>Build server-side Swift services.</p><ul><li>5+ years Swift</li><li>PostgreSQL</li></ul>
        <footer>© Example</footer></body></html>
        """

    /// A resolver answering from a table, so a public-looking name can point at loopback.
    struct TableResolver: HostResolver {
        var table: [String: [IPAddress]]
        func resolve(host: String, port: Int) async throws -> [IPAddress] {
            guard let addresses = table[host] else { throw HostResolutionError(host: host, message: "unknown") }
            return addresses
        }
    }

    private func fetcher(allow: [String], resolver: any HostResolver = SystemHostResolver(), limits: JobPageFetcher.Limits = .init()) -> JobPageFetcher {
        JobPageFetcher(policy: AddressPolicy(allowListEntries: allow), limits: limits, resolver: resolver)
    }

    private func fetchError(_ fetcher: JobPageFetcher, _ url: String) async -> JobPageFetchError? {
        do {
            _ = try await fetcher.fetch(url)
            return nil
        } catch {
            return error as? JobPageFetchError
        }
    }

    @Test func refusesLoopbackThatIsNotAllowListedWithoutConnecting() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/html", Self.html) }) { server in
            for url in ["http://127.0.0.1:\(server.port)/job", "http://localhost:\(server.port)/job", "http://2130706433:\(server.port)/job",
                        "http://[::ffff:127.0.0.1]:\(server.port)/job", "http://user@127.0.0.1:\(server.port)/"] {
                let error = await fetchError(fetcher(allow: []), url)
                #expect(error?.code == .urlNotAllowed, "\(url)")
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func fetchesAnAllowListedPageAsServed() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/html; charset=utf-8", Self.html) }) { server in
            let page = try await fetcher(allow: ["127.0.0.1:\(server.port)"]).fetch("http://127.0.0.1:\(server.port)/jobs/42?ref=x#apply")
            #expect(page.mediaType == "text/html")
            #expect(page.isHTML)
            // Markup is the caller's to reduce (the worker's fetch job, with ResumeKit's HTMLText).
            #expect(page.body == Self.html)
            #expect(page.finalURL == "http://127.0.0.1:\(server.port)/jobs/42?ref=x")
            #expect(server.requests.first?.target == "/jobs/42?ref=x")
        }
    }

    @Test func refusesARedirectToALoopbackPortThatIsNotAllowListed() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "internal admin") }) { inner in
            let redirect: FakeHTTPServer.Script = { _, _ in
                .body(status: 302, contentType: "text/html", "", headers: ["Location": "http://127.0.0.1:\(inner.port)/admin"])
            }
            try await FakeHTTPServer.with(redirect) { allowed in
                let error = await fetchError(fetcher(allow: ["127.0.0.1:\(allowed.port)"]), "http://127.0.0.1:\(allowed.port)/job")
                #expect(error?.code == .urlNotAllowed)
                #expect(allowed.requests.count == 1)
                #expect(inner.requests.isEmpty)
            }
        }
    }

    @Test func followsAllowedRelativeRedirects() async throws {
        let script: FakeHTTPServer.Script = { request, _ in
            request.target == "/old" ? .body(status: 301, contentType: "text/html", "", headers: ["Location": "/new"])
                : .body(status: 200, contentType: "text/plain", "Job: Swift engineer")
        }
        try await FakeHTTPServer.with(script) { server in
            let page = try await fetcher(allow: ["127.0.0.1:\(server.port)"]).fetch("http://127.0.0.1:\(server.port)/old")
            #expect(page.body == "Job: Swift engineer")
            #expect(page.finalURL == "http://127.0.0.1:\(server.port)/new")
        }
    }

    @Test func stopsAfterTooManyRedirects() async throws {
        let loop: FakeHTTPServer.Script = { _, ordinal in .body(status: 302, contentType: "text/html", "", headers: ["Location": "/r\(ordinal)"]) }
        try await FakeHTTPServer.with(loop) { server in
            let error = await fetchError(fetcher(allow: ["127.0.0.1:\(server.port)"]), "http://127.0.0.1:\(server.port)/")
            #expect(error?.code == .fetchFailed)
            #expect(server.requests.count == 6)
        }
    }

    @Test func connectsOnlyToTheCheckedAddress() async throws {
        // "jobs.example" exists in no DNS: the fetch can only succeed through the pinned address.
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "pinned") }) { server in
            let resolver = TableResolver(table: ["jobs.example": [IPAddress("127.0.0.1")].compactMap { $0 }])
            let page = try await fetcher(allow: ["127.0.0.1"], resolver: resolver).fetch("http://jobs.example:\(server.port)/")
            #expect(page.body == "pinned")
            #expect(server.requests.first?.headers["host"] == "jobs.example:\(server.port)")
        }
    }

    @Test func refusesANameThatResolvesToAnInternalAddress() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "internal") }) { server in
            let resolver = TableResolver(table: ["jobs.example": ["93.184.216.34", "127.0.0.1"].compactMap { IPAddress($0) }])
            let error = await fetchError(fetcher(allow: [], resolver: resolver), "http://jobs.example:\(server.port)/")
            #expect(error?.code == .urlNotAllowed)
            #expect(error?.detail == "loopback")
            #expect(server.requests.isEmpty)
        }
    }

    @Test func refusesOtherSchemes() async {
        for url in ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/jd.txt", "not a url"] {
            #expect(await fetchError(fetcher(allow: []), url)?.code == .urlNotAllowed, "\(url)")
        }
    }

    @Test func refusesContentThatIsNotHTMLOrText() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "application/pdf", "%PDF-1.7") }) { server in
            let error = await fetchError(fetcher(allow: ["127.0.0.1:\(server.port)"]), "http://127.0.0.1:\(server.port)/jd.pdf")
            #expect(error?.code == .unsupportedContent)
        }
    }

    @Test func refusesPagesOverTheSizeLimit() async throws {
        let big = String(repeating: "<p>requirement</p>", count: 1000)
        try await FakeHTTPServer.with({ _, _ in .stream([big, big], contentType: "text/html") }) { server in
            let limits = JobPageFetcher.Limits(maxBytes: 8 * 1024)
            let error = await fetchError(fetcher(allow: ["127.0.0.1:\(server.port)"], limits: limits), "http://127.0.0.1:\(server.port)/")
            #expect(error?.code == .tooLarge)
        }
    }

    @Test func slowPageEndsAtTheTimeLimit() async throws {
        try await FakeHTTPServer.with({ _, _ in .hang }) { server in
            let limits = JobPageFetcher.Limits(totalTimeout: .milliseconds(500))
            let started = ContinuousClock.now
            let error = await fetchError(fetcher(allow: ["127.0.0.1:\(server.port)"], limits: limits), "http://127.0.0.1:\(server.port)/")
            #expect(error?.code == .fetchFailed)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }
}

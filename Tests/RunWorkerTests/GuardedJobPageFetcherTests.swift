import HTTPTestSupport
import Testing
@testable import RunWorker

/// The worker's `fetch_jd` fetcher: NetGuard's SSRF-safe fetch, then HTML reduced to text.
@Suite struct GuardedJobPageFetcherTests {
    static let html = """
        <html><head><title>Jobs</title><script>var tracking = "secret-script";</script></head>
        <body><nav>Careers</nav><h1>Senior Swift Engineer</h1><ul><li>5+ years Swift</li></ul>
        <footer>© Example</footer></body></html>
        """

    @Test func htmlBecomesReadableText() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/html; charset=utf-8", Self.html) }) { server in
            let text = try await GuardedJobPageFetcher().fetch(url: server.baseURL + "/jobs/1", allowList: ["127.0.0.1:\(server.port)"])
            #expect(text.contains("Senior Swift Engineer"))
            #expect(text.contains("- 5+ years Swift"))
            #expect(!text.contains("secret-script"))
            #expect(!text.contains("Careers"))
            #expect(!text.contains("<"))
        }
    }

    @Test func plainTextIsKeptAsIs() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "Job: <Swift> engineer") }) { server in
            let text = try await GuardedJobPageFetcher().fetch(url: server.baseURL + "/jd.txt", allowList: ["127.0.0.1:\(server.port)"])
            #expect(text == "Job: <Swift> engineer")
        }
    }

    @Test func loopbackIsRefusedUnlessAllowListed() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "internal") }) { server in
            await #expect(throws: JobPageFetchFailure(code: "url_not_allowed", message: "This address cannot be fetched; paste the job description text instead.")) {
                _ = try await GuardedJobPageFetcher().fetch(url: server.baseURL + "/admin", allowList: [])
            }
            #expect(server.requests.isEmpty)
        }
    }
}

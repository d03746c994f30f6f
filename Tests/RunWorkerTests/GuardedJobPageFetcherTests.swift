import HTTPTestSupport
import Testing
@testable import RunWorker

/// The worker's `fetch_jd` fetcher: NetGuard's SSRF-safe fetch, the page answered unread (a
/// document worker reduces it to text).
@Suite struct GuardedJobPageFetcherTests {
    static let html = """
        <html><head><title>Jobs</title><script>var tracking = "secret-script";</script></head>
        <body><nav>Careers</nav><h1>Senior Swift Engineer</h1><ul><li>5+ years Swift</li></ul>
        <footer>© Example</footer></body></html>
        """

    @Test func htmlIsAnsweredAsHTMLUnread() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/html; charset=utf-8", Self.html) }) { server in
            let page = try await GuardedJobPageFetcher().fetch(url: server.baseURL + "/jobs/1", allowList: ["127.0.0.1:\(server.port)"])
            #expect(page.isHTML)
            #expect(page.body == Self.html)
            #expect(page.finalUrl == server.baseURL + "/jobs/1")
        }
    }

    @Test func plainTextIsKeptAsIs() async throws {
        try await FakeHTTPServer.with({ _, _ in .body(status: 200, contentType: "text/plain", "Job: <Swift> engineer") }) { server in
            let page = try await GuardedJobPageFetcher().fetch(url: server.baseURL + "/jd.txt", allowList: ["127.0.0.1:\(server.port)"])
            #expect(!page.isHTML)
            #expect(page.body == "Job: <Swift> engineer")
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

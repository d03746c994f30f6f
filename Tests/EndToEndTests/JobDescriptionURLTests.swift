import Foundation
import Hummingbird
import NIOCore
import Testing

/// A JD given as a URL is fetched by a worker, with SSRF protection: loopback is refused
/// unless the operator allow-lists it, and every redirect is checked again.
@Suite("JD from a URL", .serialized, .timeLimit(.minutes(2)))
struct JobDescriptionURLTests {
    /// A tiny job board on 127.0.0.1: `/job` serves a page, `/moved` redirects to `target`.
    static func withJobBoard(redirectTarget: String? = nil, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.get("/job") { _, _ -> Response in
            let html = """
            <html><head><title>Staff Nurse — City Hospital</title><script>tracking()</script></head>
            <body><nav>Home | Jobs</nav><h1>Staff Nurse, ICU</h1><p>City Hospital is hiring.</p>
            <h2>Requirements</h2><ul><li>Active RN license</li><li>2+ years of ICU experience</li><li>BLS and ACLS certification</li></ul>
            <footer>© City Hospital</footer></body></html>
            """
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/moved") { _, _ -> Response in
            Response(status: .found, headers: [.location: redirectTarget ?? "/job"])
        }
        let (ports, sink) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: { channel in
            sink.yield(channel.localAddress?.port ?? 0)
        })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            try await body(port)
            group.cancelAll()
        }
    }

    @Test func loopbackIsRefusedUnlessAllowListed() async throws {
        try await Self.withJobBoard { port in
            let service = try ServiceProcess(label: "jdurl")
            defer { service.terminate() }
            let client = try await service.client()
            let session = try await client.newSession()
            _ = try await client.upload("/api/v1/sessions/\(session)/resume", file: try Fixtures.data("resumes/maria-santos.md"), filename: "m.md", contentType: "text/markdown")
            let refused = try await client.post("/api/v1/sessions/\(session)/jd", ["url": "http://127.0.0.1:\(port)/job"])
            #expect(refused.status == 422)
            #expect(refused.errorCode == "url_not_allowed")
            for url in ["http://localhost:\(port)/job", "http://2130706433:\(port)/job", "http://[::1]:\(port)/job", "http://169.254.169.254/latest/meta-data/"] {
                let response = try await client.post("/api/v1/sessions/\(session)/jd", ["url": url])
                #expect(response.status == 422, "\(url) → \(response.status)")
            }
        }
    }

    @Test func allowListedPageIsFetchedAndRedirectsAreRechecked() async throws {
        // The redirect points at another loopback port that is not allow-listed.
        try await Self.withJobBoard(redirectTarget: "http://127.0.0.1:9/job") { port in
            let service = try ServiceProcess(label: "jdallow", environment: ["RESUME_AGENT_FETCH_ALLOWLIST": "127.0.0.1:\(port)"])
            defer { service.terminate() }
            let client = try await service.client()
            let session = try await client.newSession()
            _ = try await client.upload("/api/v1/sessions/\(session)/resume", file: try Fixtures.data("resumes/maria-santos.md"), filename: "m.md", contentType: "text/markdown")
            let fetched = try await client.post("/api/v1/sessions/\(session)/jd", ["url": "http://127.0.0.1:\(port)/job"])
            #expect(fetched.status == 201, "\(fetched.text)")
            let jd = try await client.get("/api/v1/sessions/\(session)/files/jd.md").text
            #expect(jd.contains("Active RN license"))
            #expect(!jd.contains("tracking()"))
            let redirected = try await client.post("/api/v1/sessions/\(session)/jd", ["url": "http://127.0.0.1:\(port)/moved"])
            #expect(redirected.status == 422)
            #expect(redirected.errorCode == "url_not_allowed")
        }
    }
}

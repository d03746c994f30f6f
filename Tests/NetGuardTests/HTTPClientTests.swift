import Foundation
import Testing
@testable import NetGuard
import HTTPTestSupport

@Suite struct HTTPClientTests {
    @Test func headersArriveBeforeTheBodyIsRead() async throws {
        try await FakeHTTPServer.with({ _, _ in .json(429, "{}", headers: ["Retry-After": "3"]) }) { server in
            let response = try await HTTPClient().execute(HTTPRequest(method: .get, url: server.baseURL + "/x"))
            #expect(response.head.status == 429)
            #expect(response.head.headers["retry-after"] == "3")
            #expect(try await response.collect(upTo: 100) == Array("{}".utf8))
        }
    }

    @Test func bodyOverTheLimitFailsAsTooLarge() async throws {
        let big = String(repeating: "x", count: 10_000)
        try await FakeHTTPServer.with({ _, _ in .stream([big, big]) }) { server in
            let request = HTTPRequest(method: .get, url: server.baseURL + "/big", maxResponseBytes: 4096)
            await #expect(throws: HTTPClientError.tooLarge(limit: 4096)) {
                _ = try await HTTPClient().send(request)
            }
        }
    }

    @Test func refusedConnectionIsConnectFailed() async {
        // Port 1 on loopback: nothing listens there in a test environment.
        let request = HTTPRequest(method: .get, url: "http://127.0.0.1:1/", connectTimeout: .seconds(2))
        do {
            _ = try await HTTPClient().send(request)
            Issue.record("expected a connection failure")
        } catch {
            guard case .connectFailed = error else {
                Issue.record("expected connectFailed, got \(error)")
                return
            }
        }
    }

    @Test func nonHTTPSchemesAreRefused() async {
        await #expect(throws: HTTPClientError.self) {
            _ = try await HTTPClient().send(HTTPRequest(method: .get, url: "file:///etc/passwd"))
        }
    }

    @Test func postSendsBodyAndHeaders() async throws {
        try await FakeHTTPServer.with({ _, _ in .json(200, "ok") }) { server in
            let request = HTTPRequest(method: .post, url: server.baseURL + "/p", headers: ["X-Test": "1"], body: Array("{\"a\":1}".utf8))
            let (head, body) = try await HTTPClient().send(request)
            #expect(head.status == 200)
            #expect(body == Array("ok".utf8))
            #expect(server.requests.first?.body == "{\"a\":1}")
            #expect(server.requests.first?.headers["x-test"] == "1")
        }
    }
}

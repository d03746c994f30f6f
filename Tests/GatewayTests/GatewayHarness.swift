import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IPC
import Logging
import NIOCore
import Store

@testable import Gateway

/// A gateway built the way the process builds it, on a temporary data directory, tested in
/// process through Hummingbird's router test framework (no sockets, no workers).
struct GatewayHarness {
    let directory: String
    let store: Store
    let gateway: GatewayServices
    let token: String

    init(limits: (inout RunLimits) -> Void = { _ in }) throws {
        directory = Scratch.directory("gateway")
        store = try Store(dataDirectory: directory)
        token = try store.createToken(tenantName: "owner")
        var options = GatewayOptions()
        options.dataDirectory = directory
        options.runtimeDirectory = directory + "/run"
        var settings = GatewaySettings(environment: [:])
        settings.publicDirectory = nil
        limits(&settings.limits)
        gateway = buildGateway(options: options, settings: settings, store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Runs `body` with a client of the router.
    func test<Value: Sendable>(_ body: @Sendable (Client) async throws -> Value) async throws -> Value {
        let app = Application(router: gateway.router)
        let token = self.token
        return try await app.test(.router) { client in try await body(Client(client: client, token: token)) }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let token: String?

        func request(
            _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, body: ByteBuffer? = nil, contentType: String? = nil,
            token override: String?? = nil
        ) async throws -> Reply {
            var headers: HTTPFields = [:]
            if let token = override ?? token { headers[.authorization] = "Bearer \(token)" }
            if let json {
                headers[.contentType] = "application/json"
                return try await reply(client.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json)))
            }
            if let contentType { headers[.contentType] = contentType }
            return try await reply(client.executeRequest(uri: uri, method: method, headers: headers, body: body))
        }

        private func reply(_ response: TestResponse) -> Reply {
            Reply(status: response.status.code, headers: response.headers, body: String(buffer: response.body))
        }

        func createSession() async throws -> String {
            let reply = try await request(.post, "/api/v1/sessions", json: "{}")
            return try #require(reply.object["session_id"] as? String)
        }
    }

    struct Reply: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: String

        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    }
}

import Testing
import TestScratch

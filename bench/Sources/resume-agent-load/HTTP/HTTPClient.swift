import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A browser-like client for one virtual user: keep-alive connections to the service, reused
/// one request at a time (a few kept idle), a fresh one when a reused connection turns out to
/// have been closed by the server before it answered (the usual keep-alive race).
final class HTTPClient: Sendable {
    let group: any EventLoopGroup
    let host: String
    let port: Int
    let token: String?
    private let idle = Mutex<[HTTPConnection]>([])
    private static let maxIdle = 4

    init(group: any EventLoopGroup, host: String = "127.0.0.1", port: Int, token: String?) {
        self.group = group
        self.host = host
        self.port = port
        self.token = token
    }

    /// Closes the idle connections.
    func shutdown() {
        let connections = idle.withLock { list in
            defer { list.removeAll() }
            return list
        }
        connections.forEach { $0.close() }
    }

    func headers(_ extra: [(String, String)] = [], contentType: String? = nil) -> HTTPHeaders {
        var headers = HTTPHeaders([("Host", "\(host):\(port)")])
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }

    func request(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, contentType: String? = nil, extraHeaders: [(String, String)] = [],
        timeout: TimeAmount = .seconds(60)
    ) async throws -> HTTPResult {
        let spec = HTTPRequestSpec(method: method, path: path, headers: headers(extraHeaders, contentType: contentType), body: body)
        while let connection = takeIdle() {
            do {
                let result = try await connection.execute(spec, timeout: timeout)
                await giveBack(connection)
                return result
            } catch HTTPClientError.closed(answered: false) {
                connection.close()  // stale keep-alive connection: try the next one
            }
        }
        let connection = try await HTTPConnection.connect(group: group, host: host, port: port)
        do {
            let result = try await connection.execute(spec, timeout: timeout)
            await giveBack(connection)
            return result
        } catch {
            connection.close()
            throw error
        }
    }

    func get(_ path: String, extraHeaders: [(String, String)] = []) async throws -> HTTPResult {
        try await request(.GET, path, extraHeaders: extraHeaders)
    }

    func post(_ path: String, json: [String: Any] = [:]) async throws -> HTTPResult {
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await request(.POST, path, body: ByteBuffer(bytes: data), contentType: "application/json")
    }

    /// multipart/form-data with one file in the field `file`.
    func upload(_ path: String, file: [UInt8], filename: String, contentType: String) async throws -> HTTPResult {
        let boundary = "----raload\(UInt64.random(in: 0...UInt64.max))"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await request(.POST, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Opens a streamed GET (server-sent events). The connection is its own; when the server ends
    /// the response it goes back to the pool, otherwise it is closed.
    /// `reused` tells a caller that a failure before any byte may be the keep-alive race (retry
    /// at once), not the server going away.
    func stream(_ path: String, extraHeaders: [(String, String)] = [], idleTimeout: TimeAmount = .seconds(40)) async throws
        -> (connection: HTTPConnection, parts: AsyncThrowingStream<HTTPStreamPart, any Error>, reused: Bool)
    {
        let spec = HTTPRequestSpec(method: .GET, path: path, headers: headers(extraHeaders + [("Accept", "text/event-stream")]), body: nil)
        if let connection = takeIdle() {
            return (connection, connection.stream(spec, idleTimeout: idleTimeout), true)
        }
        let connection = try await HTTPConnection.connect(group: group, host: host, port: port)
        return (connection, connection.stream(spec, idleTimeout: idleTimeout), false)
    }

    /// Returns a connection after its streamed response ended (kept if reusable).
    func finished(_ connection: HTTPConnection) async {
        await giveBack(connection)
    }

    private func takeIdle() -> HTTPConnection? {
        idle.withLock { $0.popLast() }
    }

    private func giveBack(_ connection: HTTPConnection) async {
        guard await connection.isReusable else { return connection.close() }
        let kept = idle.withLock { list in
            guard list.count < Self.maxIdle else { return false }
            list.append(connection)
            return true
        }
        if !kept { connection.close() }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import JSONCore

/// What the fake server received.
public struct RecordedRequest: Sendable {
    public var method: String
    /// Path and query.
    public var target: String
    /// Lowercased names.
    public var headers: [String: String]
    public var body: String

    public var json: JSONValue? { try? JSONValue.parse(body) }
}

/// What the fake server answers.
public enum FakeReply: Sendable {
    /// `text/event-stream`, written piece by piece (each its own write, so curl sees chunks).
    case stream([String], status: Int = 200, contentType: String = "text/event-stream")
    /// A complete body.
    case body(status: Int, contentType: String, String, headers: [String: String] = [:])
    /// Never answers until the test ends.
    case hang

    public static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> FakeReply {
        .body(status: status, contentType: "application/json", body, headers: headers)
    }

    /// An SSE fixture cut into pieces at arbitrary points, mid-event included.
    public static func sse(_ fixture: String, pieces: Int = 5) -> FakeReply {
        let characters = Array(fixture)
        let size = max(1, characters.count / pieces)
        return .stream(stride(from: 0, to: characters.count, by: size).map { String(characters[$0..<min(characters.count, $0 + size)]) })
    }
}

/// A local HTTP server on 127.0.0.1, port 0, speaking whatever wire format the test scripts.
public final class FakeHTTPServer: Sendable {
    public typealias Script = @Sendable (RecordedRequest, Int) async -> FakeReply

    private let script: Script
    private let received = Mutex<[RecordedRequest]>([])
    private let hung = Mutex<(stopping: Bool, waiters: [AsyncStream<Void>.Continuation])>((false, []))
    private let portBox = Mutex(0)
    public let arrivals: AsyncStream<RecordedRequest>
    private let arrivalsContinuation: AsyncStream<RecordedRequest>.Continuation

    init(script: @escaping Script) {
        self.script = script
        (arrivals, arrivalsContinuation) = AsyncStream.makeStream()
    }

    public var port: Int { portBox.withLock { $0 } }
    public var requests: [RecordedRequest] { received.withLock { $0 } }
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs a server for the duration of `body`.
    public static func with<T: Sendable>(_ script: @escaping Script, _ body: @Sendable (FakeHTTPServer) async throws -> T) async throws -> T {
        let server = FakeHTTPServer(script: script)
        let router = Router()
        // "**" matches any path below the root, not the root itself.
        for path in ["/", "**"] {
            router.on(RouterPath(path), method: .post) { request, _ in try await server.respond(to: request) }
            router.on(RouterPath(path), method: .get) { request, _ in try await server.respond(to: request) }
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: Logger(label: "fake-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw FakeServerError.didNotStart }
            server.portBox.withLock { $0 = port }
            do {
                let result = try await body(server)
                server.stop()
                group.cancelAll()
                return result
            } catch {
                server.stop()
                group.cancelAll()
                throw error
            }
        }
    }

    private func stop() {
        let waiters = hung.withLock { state in
            state.stopping = true
            return state.waiters
        }
        for waiter in waiters { waiter.finish() }
        arrivalsContinuation.finish()
    }

    private func respond(to request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 4 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // HTTP/1.1's Host header lives in the `:authority` pseudo-header here.
        if let authority = request.head.authority { headers["host"] = authority }
        let recorded = RecordedRequest(
            method: request.method.rawValue, target: request.uri.description, headers: headers, body: String(buffer: buffer)
        )
        let ordinal = received.withLock { list in
            list.append(recorded)
            return list.count
        }
        arrivalsContinuation.yield(recorded)
        return await response(for: await script(recorded, ordinal))
    }

    private func response(for reply: FakeReply) async -> Response {
        switch reply {
        case .stream(let pieces, let status, let contentType):
            return Response(
                status: .init(code: status),
                headers: [.contentType: contentType, .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    for piece in pieces { try await writer.write(ByteBuffer(string: piece)) }
                    try await writer.finish(nil)
                }
            )
        case .body(let status, let contentType, let text, let extra):
            var fields: HTTPFields = [.contentType: contentType]
            for (name, value) in extra {
                if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
            }
            return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
        case .hang:
            await waitUntilStopped()
            return Response(status: .serviceUnavailable)
        }
    }

    private func waitUntilStopped() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let alreadyStopping = hung.withLock { state in
            if !state.stopping { state.waiters.append(continuation) }
            return state.stopping
        }
        if alreadyStopping { return }
        for await _ in stream {}
    }
}

public enum FakeServerError: Error {
    case didNotStart
}

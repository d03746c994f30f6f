import NIOCore
import NIOHTTP1
import NIOPosix

/// Why a request got no (complete) answer.
enum HTTPClientError: Error, Sendable, CustomStringConvertible {
    case connectFailed(String)
    /// The connection closed first; `answered` says whether any byte of the response came.
    case closed(answered: Bool)
    case timedOut
    case unexpectedStatus(Int)

    var description: String {
        switch self {
        case .connectFailed(let reason): "connect: \(reason)"
        case .closed(let answered): answered ? "connection closed mid-response" : "connection closed before a response"
        case .timedOut: "timed out"
        case .unexpectedStatus(let status): "unexpected status \(status)"
        }
    }

    /// Transport failures a client meets while the gateway restarts (refused, reset).
    var isTransport: Bool {
        switch self {
        case .connectFailed, .closed: true
        case .timedOut, .unexpectedStatus: false
        }
    }
}

/// A whole response.
struct HTTPResult: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: ByteBuffer

    var bytes: [UInt8] { Array(body.readableBytesView) }
    var text: String { String(buffer: body) }
}

/// One part of a streamed response.
enum HTTPStreamPart: Sendable {
    case head(status: Int, headers: HTTPHeaders)
    case body(ByteBuffer)
}

/// One keep-alive HTTP/1.1 connection: one request at a time, its response read whole or as a
/// stream. Everything that touches the handler runs on the channel's event loop.
final class HTTPConnection: Sendable {
    let channel: any Channel
    private let handler: HTTPResponseHandler

    private init(channel: any Channel, handler: HTTPResponseHandler) {
        self.channel = channel
        self.handler = handler
    }

    static func connect(group: any EventLoopGroup, host: String, port: Int) async throws -> HTTPConnection {
        let handler = HTTPResponseHandler()
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            return HTTPConnection(channel: channel, handler: handler)
        } catch {
            let text = "\(error)"
            throw HTTPClientError.connectFailed(text.contains("Connection refused") ? "connection refused" : text.contains("timed out") || text.contains("Timeout") ? "connect timeout" : text)
        }
    }

    /// True while the connection can take another request.
    var isReusable: Bool {
        get async { (try? await channel.eventLoop.submit { self.handler.isIdleAndOpen }.get()) ?? false }
    }

    func close() { channel.close(promise: nil) }

    /// Sends a request and reads the whole response.
    func execute(_ request: HTTPRequestSpec, timeout: TimeAmount) async throws -> HTTPResult {
        let promise = channel.eventLoop.makePromise(of: HTTPResult.self)
        channel.eventLoop.execute { [channel, handler] in
            handler.begin(.whole(promise), timeout: timeout, channel: channel)
            Self.write(request, to: channel)
        }
        return try await promise.futureResult.get()
    }

    /// Sends a request and streams the response: its head, then body parts as they arrive.
    /// Reading stops at the end of the response; a consumer that stops early closes the connection.
    func stream(_ request: HTTPRequestSpec, idleTimeout: TimeAmount) -> AsyncThrowingStream<HTTPStreamPart, any Error> {
        let (stream, continuation) = AsyncThrowingStream<HTTPStreamPart, any Error>.makeStream()
        continuation.onTermination = { [channel, handler] reason in
            if case .cancelled = reason {
                channel.eventLoop.execute {
                    if !handler.isIdleAndOpen { channel.close(promise: nil) }
                }
            }
        }
        channel.eventLoop.execute { [channel, handler] in
            handler.begin(.stream(continuation), timeout: idleTimeout, channel: channel)
            Self.write(request, to: channel)
        }
        return stream
    }

    private static func write(_ request: HTTPRequestSpec, to channel: any Channel) {
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.path)
        head.headers = request.headers
        head.headers.replaceOrAdd(name: "Content-Length", value: "\(request.body?.readableBytes ?? 0)")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body = request.body, body.readableBytes > 0 {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }
}

/// A request to send.
struct HTTPRequestSpec: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: HTTPHeaders
    var body: ByteBuffer?
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// One request a fake provider received.
struct LLMRequest: Sendable {
    let method: String
    /// Path and query, as sent (`/v1/chat/completions`, `/v1beta/models/m:streamGenerateContent?alt=sse`).
    let target: String
    /// Lowercased names.
    let headers: [String: String]
    let body: String
    /// When it arrived, for retry timing.
    let at: ContinuousClock.Instant

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
}

/// One canned answer of a fake provider.
struct LLMReply: Sendable {
    var status = 200
    var headers: [String: String] = [:]
    var contentType = "text/event-stream"
    /// The body, in pieces: each is its own write and flush, so the client reads them as they come.
    var chunks: [String] = []
    /// After the chunks, hold the connection open without another byte until the server stops;
    /// with no chunks, not even the status line is sent (a provider that accepted and went quiet).
    var hang = false
    /// Pause before each chunk after the first: a model that streams slowly.
    var interval: Duration = .zero
}

/// A provider's HTTP API on 127.0.0.1, port 0, for end-to-end runs: it answers each request with
/// the next reply of its queue (a reply, or a rule that looks at the request first) and records
/// everything it received. With the queue empty it answers 400 with a message saying so, a
/// non-transient error, so a test that under-scripted fails readably instead of retrying.
final class FakeLLMServer: Sendable {
    typealias Rule = @Sendable (LLMRequest) -> LLMReply

    private let queue = Mutex<[Rule]>([])
    private let received = Mutex<[LLMRequest]>([])
    private let hung = Mutex<(stopping: Bool, waiters: [AsyncStream<Void>.Continuation])>((false, []))
    private let portBox = Mutex(0)

    var port: Int { portBox.withLock { $0 } }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [LLMRequest] { received.withLock { $0 } }

    /// Queues replies, answered in order.
    func enqueue(_ replies: LLMReply...) {
        queue.withLock { $0 += replies.map { reply in { _ in reply } } }
    }

    /// Queues a rule: the reply is chosen when its request arrives.
    func enqueue(_ rule: @escaping Rule) {
        queue.withLock { $0.append(rule) }
    }

    /// Drops the replies no request used (a test that scripted more than a policy consumed).
    func removeQueuedReplies() {
        queue.withLock { $0.removeAll() }
    }

    /// Waits until `count` requests arrived.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(20)) async throws {
        try await eventually("\(count) provider request(s)", timeout: timeout) { requests.count >= count }
    }

    /// Runs a fake for the duration of `body`; when it returns, hung replies are released and the
    /// server stops.
    static func with<T: Sendable>(_ body: @Sendable (FakeLLMServer) async throws -> T) async throws -> T {
        let server = FakeLLMServer()
        let router = Router()
        // "**" matches any path below the root (Gemini's `models/{model}:streamGenerateContent` too).
        router.on(RouterPath("**"), method: .post) { request, _ in try await server.respond(to: request) }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: Logger(label: "fake-llm", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw TimeoutError(what: "fake provider start") }
            server.portBox.withLock { $0 = port }
            defer {
                server.stop()
                group.cancelAll()
            }
            return try await body(server)
        }
    }

    private func stop() {
        let waiters = hung.withLock { state in
            state.stopping = true
            return state.waiters
        }
        for waiter in waiters { waiter.finish() }
    }

    private func respond(to request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 8 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = LLMRequest(
            method: request.method.rawValue, target: request.uri.description, headers: headers,
            body: String(buffer: buffer), at: .now)
        let ordinal = received.withLock { list in
            list.append(recorded)
            return list.count
        }
        let rule = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        let reply = rule?(recorded) ?? LLMReply(
            status: 400, contentType: "application/json",
            chunks: [#"{"error":{"message":"fake provider: no reply scripted for request \#(ordinal)","type":"invalid_request_error"}}"#])
        return await response(for: reply)
    }

    private func response(for reply: LLMReply) async -> Response {
        if reply.hang, reply.chunks.isEmpty {
            await waitUntilStopped()
            return Response(status: .serviceUnavailable)
        }
        var fields: HTTPFields = [.contentType: reply.contentType, .cacheControl: "no-cache"]
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        if !reply.hang, !reply.contentType.hasPrefix("text/event-stream") {
            // Error bodies come whole, with a Content-Length, as real APIs send them.
            return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.chunks.joined())))
        }
        return Response(
            status: .init(code: reply.status), headers: fields,
            body: ResponseBody { [self] writer in
                for (index, chunk) in reply.chunks.enumerated() {
                    if index > 0, reply.interval > .zero { try await Task.sleep(for: reply.interval) }
                    try await writer.write(ByteBuffer(string: chunk))
                }
                if reply.hang { await waitUntilStopped() }
                try await writer.finish(nil)
            })
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

// MARK: Wire formats

/// Replies in the providers' real wire formats, one SSE event per chunk.
extension LLMReply {
    /// OpenAI's `chat.completion.chunk` stream: a role-only first delta, one chunk per text piece,
    /// the finish reason, then (`stream_options.include_usage`) a usage chunk with empty `choices`
    /// and `[DONE]`.
    static func openAIText(_ pieces: [String], usage: (input: Int, output: Int) = (120, 30), model: String = "fake-gpt") -> LLMReply {
        var chunks = [openAIChunk(model: model, delta: ["role": "assistant", "content": ""])]
        chunks += pieces.map { openAIChunk(model: model, delta: ["content": $0]) }
        chunks.append(openAIChunk(model: model, delta: [:], finish: "stop"))
        chunks.append(openAIUsageChunk(model: model, usage: usage))
        chunks.append("data: [DONE]\n\n")
        return LLMReply(chunks: chunks)
    }

    /// One tool call whose JSON arguments arrive in `fragments`, as OpenAI streams them.
    static func openAIToolCall(
        id: String, name: String, fragments: [String], usage: (input: Int, output: Int) = (200, 20), model: String = "fake-gpt"
    ) -> LLMReply {
        var chunks = [openAIChunk(model: model, delta: [
            "role": "assistant", "content": NSNull(),
            "tool_calls": [["index": 0, "id": id, "type": "function", "function": ["name": name, "arguments": ""]]],
        ])]
        chunks += fragments.map { fragment in
            openAIChunk(model: model, delta: ["tool_calls": [["index": 0, "function": ["arguments": fragment]]]])
        }
        chunks.append(openAIChunk(model: model, delta: [:], finish: "tool_calls"))
        chunks.append(openAIUsageChunk(model: model, usage: usage))
        chunks.append("data: [DONE]\n\n")
        return LLMReply(chunks: chunks)
    }

    /// A whole JSON error body, as OpenAI and Gemini send them.
    static func jsonError(_ status: Int, _ body: String, headers: [String: String] = [:]) -> LLMReply {
        LLMReply(status: status, headers: headers, contentType: "application/json", chunks: [body])
    }

    /// Gemini's `streamGenerateContent?alt=sse`: one `GenerateContentResponse` per event (CRLF
    /// framed, as Google sends them), running `usageMetadata`, `finishReason` on the last.
    static func geminiText(_ pieces: [String], usage: (input: Int, output: Int) = (150, 25), model: String = "fake-gemini") -> LLMReply {
        let chunks = pieces.enumerated().map { index, piece in
            let last = index == pieces.count - 1
            var candidate: [String: Any] = ["content": ["parts": [["text": piece]], "role": "model"], "index": 0]
            if last { candidate["finishReason"] = "STOP" }
            let output = last ? usage.output : index + 1
            let object: [String: Any] = [
                "candidates": [candidate],
                "usageMetadata": ["promptTokenCount": usage.input, "candidatesTokenCount": output, "totalTokenCount": usage.input + output],
                "modelVersion": model, "responseId": "fake-gemini-response",
            ]
            return "data: " + jsonText(object) + "\r\n\r\n"
        }
        return LLMReply(chunks: chunks)
    }

    static func openAIChunk(model: String, delta: [String: Any], finish: String? = nil) -> String {
        let choice: [String: Any] = ["index": 0, "delta": delta, "logprobs": NSNull(), "finish_reason": finish ?? NSNull()]
        return "data: " + jsonText([
            "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_739_534_400, "model": model,
            "system_fingerprint": "fp_fake", "choices": [choice], "usage": NSNull(),
        ]) + "\n\n"
    }

    static func openAIUsageChunk(model: String, usage: (input: Int, output: Int)) -> String {
        "data: " + jsonText([
            "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_739_534_400, "model": model, "choices": [],
            "usage": ["prompt_tokens": usage.input, "completion_tokens": usage.output, "total_tokens": usage.input + usage.output],
        ]) + "\n\n"
    }

    static func jsonText(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

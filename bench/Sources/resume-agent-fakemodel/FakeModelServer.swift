import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An OpenAI-compatible model on 127.0.0.1: `POST /v1/chat/completions` streams SSE chunks
/// paced by the plan (time to first token, tokens per second), `GET /v1/models` lists the one
/// model, `GET /stats` reports what it served (for the load report: model calls per run,
/// replies cut by `max_tokens`, streams still open).
final class FakeModelServer: Sendable {
    let defaults: ModelDirective
    let hangLimit: Duration
    private let counters = Mutex(FakeModelStats())

    init(defaults: ModelDirective, hangLimit: Duration) {
        self.defaults = defaults
        self.hangLimit = hangLimit
    }

    var stats: FakeModelStats { counters.withLock { $0 } }

    /// Serves until the process is stopped; `onPort` hears the bound port once.
    func run(host: String, port: Int, onPort: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await self.complete(request) }
        router.get("/v1/models") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","owned_by":"fake"}]}"#)))
        }
        router.get("/stats") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: self.stats.json)))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onPort(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "fakemodel", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await app.run()
    }

    private func complete(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 << 20)
        let sequence = counters.withLock { stats in
            stats.requests += 1
            return stats.requests
        }
        let plan: ReplyPlan
        do {
            plan = try ReplyPlan.make(requestBody: Array(buffer: body), defaults: defaults, sequence: sequence)
        } catch {
            counters.withLock { $0.badRequests += 1 }
            let message = #"{"error":{"message":"fake model: \#(error)","type":"invalid_request_error"}}"#
            return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: message)))
        }
        counters.withLock { stats in
            switch plan.body {
            case .text(let tokens, let finish):
                stats.textReplies += 1
                stats.tokens += tokens
                if finish == "length" { stats.cutByMaxTokens += 1 }
            case .toolCall:
                stats.toolCallReplies += 1
            }
            if plan.hang { stats.hangs += 1 }
            stats.open += 1
        }
        let chunks = plan.chunks(id: "chatcmpl-fake\(sequence)")
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { [self] writer in
                defer { counters.withLock { $0.open -= 1 } }
                try await stream(chunks, plan: plan, to: &writer)
                if plan.hang { await hold(&writer) }
                try await writer.finish(nil)
            })
    }

    /// TTFT, then the role chunk with the first token, then one token per interval; the finish,
    /// usage and `[DONE]` chunks go with the last token. With no pacing, one write.
    private func stream(_ chunks: [String], plan: ReplyPlan, to writer: inout any ResponseBodyWriter) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        if plan.ttft > .zero { try await Task.sleep(until: start + plan.ttft, clock: clock) }
        guard case .text(let tokens, _) = plan.body, plan.tokensPerSecond > 0, tokens > 1 else {
            return try await writer.write(ByteBuffer(string: chunks.joined()))
        }
        // chunks: [role, token 0, …, token n-1, (finish, usage, done)]
        try await writer.write(ByteBuffer(string: chunks[0] + chunks[1]))
        let interval = Duration.seconds(1 / plan.tokensPerSecond)
        for token in 1..<tokens {
            try await Task.sleep(until: start + plan.ttft + interval * token, clock: clock)
            var piece = chunks[token + 1]
            if token == tokens - 1 { piece += chunks[(tokens + 2)...].joined() }
            try await writer.write(ByteBuffer(string: piece))
        }
    }

    /// Holds a hanging stream open, writing an SSE comment each second: the first write after
    /// the client went away fails and ends the response, so hung streams never pile up.
    private func hold(_ writer: inout any ResponseBodyWriter) async {
        let deadline = ContinuousClock.now + hangLimit
        while ContinuousClock.now < deadline {
            do {
                try await Task.sleep(for: .seconds(1))
                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
            } catch {
                return
            }
        }
    }
}

/// What the fake model served since it started.
struct FakeModelStats: Sendable {
    var requests = 0
    var badRequests = 0
    var textReplies = 0
    var toolCallReplies = 0
    var tokens = 0
    var cutByMaxTokens = 0
    var hangs = 0
    var open = 0

    var json: String {
        #"{"requests":\#(requests),"bad_requests":\#(badRequests),"text_replies":\#(textReplies),"tool_call_replies":\#(toolCallReplies),"#
            + #""tokens":\#(tokens),"cut_by_max_tokens":\#(cutByMaxTokens),"hangs":\#(hangs),"open_streams":\#(open)}"#
    }
}

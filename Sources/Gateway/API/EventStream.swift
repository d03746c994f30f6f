import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// `GET …/runs/{run_id}/stream`: replay from the store after the client's position, then
/// live events as the event log publishes them (each persisted batch written at once), then
/// close after the terminal event. A `: ping` comment keeps idle connections open.
enum EventStream {
    static let pingInterval: Duration = .seconds(15)

    enum Item: Sendable {
        case batch([EventRecord])
        case ping
        case end
    }

    /// `onClose` runs once the stream ends, whichever way (it releases the tenant's stream slot).
    static func response(run: RunRecord, after: Int, store: Store, log: EventLog, onClose: @escaping @Sendable () -> Void = {}) async throws -> Response {
        let subscription = log.subscribe(runId: run.id)
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(status: .ok, headers: headers, body: .init { writer in
            defer { onClose() }
            // 1. Everything already persisted (up to the live snapshot when there is one).
            let replay = try await store.events(runId: run.id, after: after)
            var last = after
            var sawTerminal = false
            var buffer = ByteBuffer()
            for event in replay where subscription == nil || event.seq <= subscription!.snapshot {
                buffer.writeString(Views.sse(event))
                last = event.seq
                sawTerminal = sawTerminal || event.isTerminal
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            guard let subscription, !sawTerminal else { return try await writer.finish(nil) }
            // 2. Live batches, interleaved with keep-alive pings.
            let (items, sink) = AsyncStream<Item>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await batch in subscription.batches { sink.yield(.batch(batch)) }
                    sink.yield(.end)
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: pingInterval)
                        sink.yield(.ping)
                    }
                }
                loop: for await item in items {
                    switch item {
                    case .batch(let batch):
                        var frames = ByteBuffer()
                        var ended = false
                        for event in batch where event.seq > last {
                            frames.writeString(Views.sse(event))
                            last = event.seq
                            ended = ended || event.isTerminal
                        }
                        if frames.readableBytes > 0 { try await writer.write(frames) }
                        if ended { break loop }
                    case .ping:
                        try await writer.write(ByteBuffer(string: ": ping\n\n"))
                    case .end:
                        break loop
                    }
                }
                group.cancelAll()
            }
            // A subscriber that attached as the run ended may have missed nothing: top up.
            if let tail = try? await store.events(runId: run.id, after: last), !tail.isEmpty {
                var frames = ByteBuffer()
                for event in tail { frames.writeString(Views.sse(event)) }
                try await writer.write(frames)
            }
            try await writer.finish(nil)
        })
    }
}

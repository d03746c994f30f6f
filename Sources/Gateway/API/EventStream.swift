import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// `GET …/runs/{run_id}/stream`: replay from the store after the client's position, then
/// live events, then close after the terminal event. A `: ping` comment keeps idle
/// connections open.
enum EventStream {
    static let pingInterval: Duration = .seconds(15)

    enum Item: Sendable {
        case event(EventRecord)
        case ping
        case end
    }

    static func response(run: RunRecord, after: Int, store: Store, controller: RunController?) async throws -> Response {
        let subscription = await controller?.subscribe()
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(status: .ok, headers: headers, body: .init { writer in
            // 1. Everything already persisted (up to the live snapshot when there is one).
            let replay = try await store.events(runId: run.id, after: after)
            var last = after
            var sawTerminal = false
            for event in replay where subscription == nil || event.seq <= subscription!.snapshot {
                try await writer.write(ByteBuffer(string: Views.sse(event)))
                last = event.seq
                sawTerminal = sawTerminal || event.isTerminal
            }
            guard let subscription, !sawTerminal else { return try await writer.finish(nil) }
            // 2. Live events, interleaved with keep-alive pings.
            let (items, sink) = AsyncStream<Item>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in subscription.events { sink.yield(.event(event)) }
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
                    case .event(let event):
                        guard event.seq > last else { continue }
                        try await writer.write(ByteBuffer(string: Views.sse(event)))
                        last = event.seq
                        if event.isTerminal { break loop }
                    case .ping:
                        try await writer.write(ByteBuffer(string: ": ping\n\n"))
                    case .end:
                        break loop
                    }
                }
                group.cancelAll()
            }
            // A subscriber that attached as the run ended may have missed nothing: top up.
            if let tail = try? await store.events(runId: run.id, after: last) {
                for event in tail { try await writer.write(ByteBuffer(string: Views.sse(event))) }
            }
            try await writer.finish(nil)
        })
    }
}

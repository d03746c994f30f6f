import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// `GET …/runs/{run_id}/stream`: replay from the store after the client's position, then
/// live events as the event log publishes them, then close after the terminal event. A
/// `: ping` comment keeps idle connections open.
///
/// Live events arrive as batches with their SSE frames already rendered (once for every
/// reader of the run); whatever has been published since the last write goes out in one
/// write, so a connection costs one write per batch at most, fewer when it falls behind.
enum EventStream {
    static let pingInterval: Duration = .seconds(15)

    /// `onClose` runs once the stream ends, whichever way (it releases the tenant's stream slot).
    static func response(run: RunRecord, after: Int, store: Store, log: EventLog, onClose: @escaping @Sendable () -> Void = {}) async throws -> Response {
        let subscription = log.subscribe(runId: run.id)
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(status: .ok, headers: headers, body: .init { writer in
            defer {
                subscription?.batches.cancel()
                onClose()
            }
            // 1. Everything already persisted (up to the live snapshot when there is one).
            let replay = try await store.events(runId: run.id, after: after)
            var last = after
            var sawTerminal = false
            var buffer = ByteBuffer()
            for event in replay where subscription == nil || event.seq <= subscription!.snapshot {
                SSEFrame.write(event, into: &buffer)
                last = event.seq
                sawTerminal = sawTerminal || event.isTerminal
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            guard let subscription, !sawTerminal else { return try await writer.finish(nil) }
            // 2. Live batches, and a keep-alive when nothing was sent for a while.
            let ended = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: pingInterval)
                        subscription.batches.keepAlive()
                    }
                }
                defer { group.cancelAll() }
                return try await live(subscription.batches, after: &last, writer: &writer)
            }
            // The run ended without its terminal event reaching this reader (given up by the
            // log, or it attached as the run ended): whatever the store has is the rest.
            if !ended, let tail = try? await store.events(runId: run.id, after: last), !tail.isEmpty {
                try await writer.write(SSEFrame.frames(tail))
            }
            try await writer.finish(nil)
        })
    }

    /// Writes live batches until the terminal event (true) or the end of the subscription (false).
    private static func live(_ batches: EventSubscription, after last: inout Int, writer: inout any ResponseBodyWriter) async throws -> Bool {
        for await batch in batches {
            guard let first = batch.events.first else {
                try await writer.write(ByteBuffer(string: ": ping\n\n"))
                continue
            }
            if first.seq > last {
                try await writer.write(batch.frames)
                last = batch.events.last!.seq
            } else {
                // Overlaps what the replay sent (a client ahead of the snapshot): only the rest.
                let rest = batch.events.filter { $0.seq > last }
                guard let newest = rest.last else { continue }
                try await writer.write(SSEFrame.frames(rest))
                last = newest.seq
            }
            if batch.endsRun { return true }
        }
        return false
    }
}

import Foundation
import NIOCore

/// Follows one run's event stream to its terminal event, as a resilient client does: when the
/// connection drops or the server ends the stream early, it reconnects with `Last-Event-ID`
/// and carries on. Every event's `seq` is checked against the last one seen: a gap is a lost
/// event, a repeat a duplicate; a second terminal event or any event after it is counted too.
struct RunFollower: Sendable {
    let api: ServiceAPI
    let ledger: Ledger
    /// Give up (and record the run as unfinished) after this long without reaching the end.
    var deadline: Duration = .seconds(180)

    struct Seen: Sendable {
        var terminal: EventEnvelope?
        var terminals = 0
        var events = 0
        var reconnects = 0
    }

    /// Streams `run` to its end, handing every event (with the instant it was read) to
    /// `onEvent`, which may start concurrent work (an approval) in `group`.
    func follow(
        session: String, run: String,
        onEvent: @escaping @Sendable (EventEnvelope, ContinuousClock.Instant, inout DiscardingTaskGroup) -> Void
    ) async -> Seen {
        let path = "/api/v1/sessions/\(session)/runs/\(run)/stream"
        let giveUp = ContinuousClock.now + deadline
        var seen = Seen()
        var lastSeq = 0
        var lastEventID: String?
        var backoff = Duration.milliseconds(20)
        await withDiscardingTaskGroup { group in
            while ContinuousClock.now < giveUp {
                var headers: [(String, String)] = []
                if let lastEventID { headers.append(("Last-Event-ID", lastEventID)) }
                let attempt = await self.attempt(path, headers: headers, run: run, lastSeq: &lastSeq, lastEventID: &lastEventID, seen: &seen) {
                    onEvent($0, $1, &group)
                }
                if seen.terminal != nil { break }
                switch attempt {
                case .staleConnection: continue
                case .refused: return
                case .ended, .dropped:
                    if api.serviceGone() { return }  // the service exited: nobody will answer
                    // Ended or dropped before the terminal event: reconnect where we were.
                    seen.reconnects += 1
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, .milliseconds(500))
                }
            }
        }
        ledger.update(run: run) { entry in
            entry.eventsSeen += seen.events
            entry.reconnects += seen.reconnects
            // Per subscriber: several may follow one run.
            entry.terminalsSeen = max(entry.terminalsSeen, seen.terminals)
            if let terminal = seen.terminal {
                entry.terminal = terminal.type
                entry.reason = terminal.payload?.reason
                entry.code = terminal.payload?.error?.code
            }
        }
        return seen
    }

    enum Attempt {
        /// The server ended the response.
        case ended
        /// The connection failed or timed out, or a 5xx came in chaos mode.
        case dropped
        /// A reused keep-alive connection was already closed: retry at once, not a reconnect.
        case staleConnection
        /// A status that retrying will not change (404, 401…).
        case refused
    }

    private func attempt(
        _ path: String, headers: [(String, String)], run: String, lastSeq: inout Int, lastEventID: inout String?, seen: inout Seen,
        onEvent: (EventEnvelope, ContinuousClock.Instant) -> Void
    ) async -> Attempt {
        let opened = ContinuousClock.now
        let connection: HTTPConnection, parts: AsyncThrowingStream<HTTPStreamPart, any Error>, reused: Bool
        do {
            (connection, parts, reused) = try await api.client.stream(path, extraHeaders: headers)
        } catch {
            api.recorder.error(route: Self.route, status: 0, code: "\(error)", retried: true)
            return .dropped
        }
        var decoder = SSEDecoder()
        var messages: [SSEMessage] = []
        var gotHead = false
        do {
            for try await part in parts {
                switch part {
                case .head(let status, _):
                    gotHead = true
                    api.recorder.route(Self.route + " (head)", ms: ContinuousClock.now.milliseconds(since: opened))
                    guard status == 200 else {
                        let retry = api.chaos && status >= 500
                        api.recorder.error(route: Self.route, status: status, code: "", retried: retry)
                        connection.close()
                        return retry ? .dropped : .refused
                    }
                case .body(let buffer):
                    let now = ContinuousClock.now
                    messages.removeAll(keepingCapacity: true)
                    decoder.feed(buffer, into: &messages)
                    for message in messages where !message.isComment {
                        guard let envelope = EventEnvelope.decode(message.data) else {
                            api.recorder.count("undecodable events")
                            continue
                        }
                        check(envelope, lastSeq: &lastSeq, seen: &seen, run: run)
                        lastEventID = message.id ?? envelope.eventId
                        onEvent(envelope, now)
                    }
                }
            }
            await api.client.finished(connection)
            return .ended
        } catch {
            connection.close()
            if reused, !gotHead, case HTTPClientError.closed(answered: false) = error { return .staleConnection }
            api.recorder.error(route: Self.route, status: 0, code: "\(error)", retried: true)
            return .dropped
        }
    }

    static let route = "GET /sessions/{id}/runs/{id}/stream"

    private func check(_ envelope: EventEnvelope, lastSeq: inout Int, seen: inout Seen, run: String) {
        seen.events += 1
        if envelope.seq <= lastSeq {
            ledger.update(run: run) { $0.duplicateSeqs += 1 }
            return
        }
        if envelope.seq > lastSeq + 1 {
            let lost = envelope.seq - lastSeq - 1
            ledger.update(run: run) { $0.lostSeqs += lost }
        }
        lastSeq = envelope.seq
        if seen.terminal != nil { ledger.update(run: run) { $0.eventsAfterTerminal += 1 } }
        if envelope.isTerminal {
            seen.terminals += 1
            if seen.terminal == nil { seen.terminal = envelope }
        }
    }
}

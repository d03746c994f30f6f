import Foundation
import Synchronization

/// events: one long run (2,000 tokens, no model delay), read by one subscriber and then by ten.
/// Persisted rate from the events' own timestamps (first to last `ts`, the server's clock);
/// delivered rate from POST to the terminal event as the subscriber reads it.
enum EventsThroughput {
    private struct Tally: Sendable {
        var events = 0
        var firstTs: Double?
        var lastTs: Double?
        var lastRead: ContinuousClock.Instant?
    }

    static func run(_ context: LoadContext) async throws -> ProfileResult {
        let plan = context.plan
        var result = ProfileResult(profile: plan.name)
        let client = context.client()
        defer { client.shutdown() }
        let api = context.api(client)
        let session = try await context.preparedSession(api, index: 0)
        let sampler = context.sampler()
        sampler?.begin()
        var totalEvents = 0
        for subscribers in [1, 10] {
            let subscriberClients = (0..<subscribers).map { _ in context.client() }
            defer { subscriberClients.forEach { $0.shutdown() } }
            let content = "Write me a long cover letter.\n" + plan.model.line
            let t0 = ContinuousClock.now
            let answer = try await api.call("POST /sessions/{id}/messages", accept: [202]) {
                try await client.post("/api/v1/sessions/\(session)/messages", json: ["content": content])
            }
            guard let run = answer.json["run_id"] as? String else { throw api.fail("POST /sessions/{id}/messages", answer) }
            context.ledger.runStarted(run, session: session)
            let tallies = await withTaskGroup(of: Tally.self) { group in
                for subscriber in subscriberClients {
                    group.addTask {
                        let tally = Locked(Tally())
                        let follower = RunFollower(api: context.api(subscriber), ledger: context.ledger)
                        let seen = await follower.follow(session: session, run: run) { event, at, _ in
                            tally.withLock { state in
                                state.events += 1
                                if let ts = event.timestamp {
                                    if state.firstTs == nil { state.firstTs = ts }
                                    state.lastTs = ts
                                }
                                state.lastRead = at
                            }
                        }
                        context.recorder.outcome(seen.terminal?.type ?? "no terminal event seen")
                        return tally.withLock { $0 }
                    }
                }
                var all: [Tally] = []
                for await tally in group { all.append(tally) }
                return all
            }
            let events = tallies.map(\.events).max() ?? 0
            totalEvents += events
            let delivered = tallies.map(\.events).reduce(0, +)
            let lastRead = tallies.compactMap(\.lastRead).max() ?? t0
            let elapsed = lastRead.milliseconds(since: t0) / 1000
            if subscribers == 1, let first = tallies.first?.firstTs, let last = tallies.first?.lastTs, last > first {
                result.headline.append(("events/s persisted (server timestamps), 1 subscriber", Double(events - 1) / (last - first), "events/s"))
            }
            let label = subscribers == 1 ? "events/s delivered, 1 subscriber (POST → terminal event read)" : "events/s delivered in all, \(subscribers) subscribers"
            result.headline.append((label, Double(delivered) / elapsed, "events/s"))
            result.headline.append(("events in the run (\(subscribers) subscriber\(subscribers == 1 ? "" : "s"))", Double(events), "events"))
            result.headline.append(("POST → terminal event read (\(subscribers) subscriber\(subscribers == 1 ? "" : "s"))", elapsed * 1000, "ms"))
        }
        result.usage = sampler?.end()
        result.recorder = context.recorder.snapshot
        result.runsForCpu = 2
        if let usage = result.usage, totalEvents > 0 {
            result.headline.append(("server CPU per event (both runs)", usage.serviceCpuMs * 1000 / Double(totalEvents), "µs"))
        }
        result.notes.append("Event timestamps have millisecond resolution; the persisted rate is (events − 1) / (last ts − first ts).")
        return result
    }
}

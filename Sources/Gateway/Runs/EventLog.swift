import GRDB
import IPC
import Logging
import ServiceLifecycle
import ServiceSupport
import Store
import Synchronization

/// The gateway's one event writer. Every run hands it its numbered events; one writer loop
/// persists whatever is pending — of every run — in one transaction (group commit, one fsync),
/// and only then publishes the events to the run's subscribers: one batch per run, its SSE
/// frames rendered once for all of them, each subscriber woken once. Nothing unpersisted is
/// ever published. A run's terminal event, once persisted, finishes its subscribers and
/// releases everyone waiting for the run's end.
///
/// Appending never waits for the disk: a run keeps going while the previous batch is written.
public final class EventLog: Service, Sendable {
    private struct LiveRun {
        var persistedSeq = 0
        var subscribers: [Int: EventSubscription] = [:]
        var endWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private struct State {
        var pending: [EventRecord] = []
        var terminalReasons: [String: String] = [:]
        /// Per run, the latest worker frame whose events are all in `pending` or persisted.
        var workerSeqs: [String: Int] = [:]
        var runs: [String: LiveRun] = [:]
        var nextSubscriber = 0
        var nextWaiter = 0
        var stopping = false
    }

    private let state = Mutex(State())
    private let failing = Mutex(false)
    private let wake = AsyncSignal()
    let store: Store
    let clock: AnyClock
    let logger: Logger
    /// Longest pause between retries of a batch the disk refuses.
    let maxBackoff: Duration
    /// Told, after each batch commits, how far each run's worker frames are durable (the
    /// workers' replay buffers are trimmed from it).
    private let durable = Mutex<(@Sendable ([String: Int]) -> Void)?>(nil)

    public init(store: Store, clock: AnyClock = .continuous(), maxBackoff: Duration = .seconds(5), logger: Logger) {
        self.store = store
        self.clock = clock
        self.maxBackoff = maxBackoff
        self.logger = logger
    }

    /// True while a batch cannot be written (a full or failing disk): the service is then not
    /// ready for new work (`/readyz`), and nothing waiting is published until it can be.
    public var isFailing: Bool { failing.withLock { $0 } }

    // MARK: Runs' side

    /// Makes `runId` live: subscribers may attach before its first event is written.
    /// `persistedSeq`: what the store already holds of it (a run taken up after a restart),
    /// so a reader replays that from the store and takes the rest live, with no gap.
    public func open(runId: String, persistedSeq: Int = 0) {
        state.withLock { state in
            if state.runs[runId] == nil { state.runs[runId] = LiveRun(persistedSeq: persistedSeq) }
        }
    }

    /// Records that every frame of `runId`'s worker up to `wseq` has been applied and its
    /// events appended: the mark is persisted with (or after) them, never before. The latest
    /// mark wins (a run resumed on a fresh worker starts again from 0).
    public func mark(runId: String, workerSeq wseq: Int) {
        state.withLock { state in
            state.workerSeqs[runId] = wseq
        }
        wake.raise()
    }

    /// Sets who hears about durable worker frames (once, when the gateway is built).
    public func onDurable(_ body: @escaping @Sendable ([String: Int]) -> Void) {
        durable.withLock { $0 = body }
    }

    /// Queues `event` (numbered by its run) for the next batch. A terminal event carries the
    /// reason stored on the run. `workerSeq`: the worker frame this event completes — queued
    /// under the same lock, so the mark can never be persisted without the event, nor the
    /// event without the mark (issue 13).
    public func append(_ event: EventRecord, terminalReason: String? = nil, workerSeq: Int? = nil) {
        state.withLock { state in
            if state.runs[event.runId] == nil { state.runs[event.runId] = LiveRun() }
            state.pending.append(event)
            if event.isTerminal, let terminalReason { state.terminalReasons[event.runId] = terminalReason }
            if let workerSeq { state.workerSeqs[event.runId] = workerSeq }
        }
        wake.raise()
    }

    /// Queues the events one worker frame made (in order) and that frame's mark, all in one
    /// batch: a crash keeps all of them or none.
    public func append(contentsOf events: [EventRecord], workerSeq: Int) {
        guard let runId = events.first?.runId else { return }
        state.withLock { state in
            if state.runs[runId] == nil { state.runs[runId] = LiveRun() }
            state.pending.append(contentsOf: events)
            state.workerSeqs[runId] = workerSeq
        }
        wake.raise()
    }

    /// Live batches of `runId` after `snapshot` (the caller replays up to it from the store
    /// first). Nil when the run is not live: its events are all in the store. The caller
    /// cancels the subscription when it stops reading.
    public func subscribe(runId: String) -> (snapshot: Int, batches: EventSubscription)? {
        let id = state.withLock { state -> Int in
            state.nextSubscriber += 1
            return state.nextSubscriber
        }
        let subscription = EventSubscription { [weak self] in
            self?.state.withLock { state in _ = state.runs[runId]?.subscribers.removeValue(forKey: id) }
        }
        let snapshot = state.withLock { state -> Int? in
            guard var run = state.runs[runId] else { return nil }
            run.subscribers[id] = subscription
            state.runs[runId] = run
            return run.persistedSeq
        }
        guard let snapshot else { return nil }
        return (snapshot, subscription)
    }

    /// Returns once the run's terminal event is persisted (or was given up); at once for a
    /// run that is not live, or when the waiting task is cancelled.
    public func waitUntilEnded(runId: String) async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state -> Bool in
                    guard state.runs[runId] != nil, !Task.isCancelled else { return false }
                    state.runs[runId]!.endWaiters[id] = continuation
                    return true
                }
                if !waiting { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in state.runs[runId]?.endWaiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Runs with events not yet persisted or subscribers attached.
    public var liveRunCount: Int { state.withLock { $0.runs.count } }

    // MARK: The writer

    public func run() async throws {
        // Stops after the services that append to it (runs drain first), flushing what is left.
        await withGracefulShutdownHandler {
            while let batch = await nextBatch() {
                await persist(batch)
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.stopping = true }
            self.wake.raise()
        }
    }

    private typealias Batch = (events: [EventRecord], reasons: [String: String], workerSeqs: [String: Int])

    private func nextBatch() async -> Batch? {
        while true {
            let taken = state.withLock { state -> Batch?? in
                if !state.pending.isEmpty || !state.workerSeqs.isEmpty {
                    defer {
                        state.pending.removeAll(keepingCapacity: true)
                        state.terminalReasons.removeAll()
                        state.workerSeqs.removeAll()
                    }
                    return .some((state.pending, state.terminalReasons, state.workerSeqs))
                }
                return state.stopping ? .some(nil) : nil
            }
            if let taken { return taken }
            if Task.isCancelled { return nil }
            await wake.wait()
        }
    }

    private func persist(_ batch: Batch) async {
        var attempt = 0
        while true {
            do {
                try await store.append(batch.events, terminalReasons: batch.reasons, workerSeqs: batch.workerSeqs)
                if attempt > 0 {
                    failing.withLock { $0 = false }
                    logger.info("events persisted again", metadata: ["count": "\(batch.events.count)", "attempts": "\(attempt + 1)"])
                }
                if !batch.workerSeqs.isEmpty, let durable = durable.withLock({ $0 }) { durable(batch.workerSeqs) }
                return publish(batch.events)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // Never expected (one numbering per run): retrying could not help. Nothing of the
                // batch is published; runs whose end was in it are released.
                logger.critical("events refused by the store; dropped", metadata: ["error": "\(error)", "count": "\(batch.events.count)"])
                return giveUp(batch.events)
            } catch {
                // A full or failing disk: keep the batch, in order, and retry until it is written
                // (persisted before published, and no gaps in a run's numbering).
                attempt += 1
                failing.withLock { $0 = true }
                if attempt == 1 || attempt % 20 == 0 {
                    logger.error("cannot persist events; retrying", metadata: ["error": "\(error)", "count": "\(batch.events.count)", "attempt": "\(attempt)"])
                }
                if Task.isCancelled { return }
                try? await clock.sleep(for: min(.milliseconds(100 * attempt), maxBackoff))
            }
        }
    }

    /// Hands persisted events to their subscribers, one batch per run (its SSE frames rendered
    /// once for all of them), and ends runs whose terminal event was among them.
    private func publish(_ events: [EventRecord]) {
        var deliveries: [(subscribers: [EventSubscription], events: ArraySlice<EventRecord>)] = []
        var finished: [LiveRun] = []
        state.withLock { state in
            // A batch holds each run's events in order; runs interleave. Group them, keeping
            // the runs' first-appearance order.
            var byRun: [String: [Int]] = [:]
            var order: [String] = []
            for (index, event) in events.enumerated() {
                if byRun[event.runId] == nil { order.append(event.runId) }
                byRun[event.runId, default: []].append(index)
            }
            for runId in order {
                guard var run = state.runs[runId], let indices = byRun[runId] else { continue }
                run.persistedSeq = events[indices.last!].seq
                if !run.subscribers.isEmpty {
                    let runEvents = order.count == 1 ? events[...] : ArraySlice(indices.map { events[$0] })
                    deliveries.append((Array(run.subscribers.values), runEvents))
                }
                if indices.contains(where: { events[$0].isTerminal }) {
                    state.runs[runId] = nil
                    finished.append(run)
                } else {
                    state.runs[runId] = run
                }
            }
        }
        for delivery in deliveries {
            let batch = EventBatch(events: Array(delivery.events))
            for subscriber in delivery.subscribers { subscriber.deposit(batch) }
        }
        end(finished)
    }

    /// Nothing of a failed batch is published; a run whose terminal event was in it still ends
    /// for its waiters (the next start's recovery writes the terminal event that was lost).
    private func giveUp(_ events: [EventRecord]) {
        let terminal = Set(events.filter(\.isTerminal).map(\.runId))
        let finished = state.withLock { state -> [LiveRun] in
            terminal.compactMap { state.runs.removeValue(forKey: $0) }
        }
        end(finished)
    }

    private func end(_ runs: [LiveRun]) {
        for run in runs {
            run.subscribers.values.forEach { $0.end() }
            run.endWaiters.values.forEach { $0.resume() }
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import IPC
import Logging

/// The life of one worker: connect to the gateway, say hello, serve up to `maxRuns` runs
/// (each cancellable by a `cancel` frame), then exit. Exit codes (``WorkerExitStatus``): 0 when
/// done or when the gateway went away after the hello, 69 when it could not be reached or went
/// away during the hello, 76 when it refused our hello.
public struct WorkerProcess: Sendable {
    let options: WorkerOptions
    let kind: WorkerKind
    let sandbox: SandboxReport
    let executor: any RunExecutor
    let logger: Logger
    /// Called once, when the first gateway accepted the hello: work that may wait until the
    /// worker is in the pool (loading libcurl) starts here, off the spawn→ready path.
    let onReady: @Sendable () -> Void

    public init(
        options: WorkerOptions, kind: WorkerKind, sandbox: SandboxReport, executor: any RunExecutor, logger: Logger,
        onReady: @escaping @Sendable () -> Void = {}
    ) {
        self.options = options
        self.kind = kind
        self.sandbox = sandbox
        self.executor = executor
        self.logger = logger
        self.onReady = onReady
    }

    enum Input: Sendable {
        /// From the connection of generation `Int` (inputs of an earlier connection are stale).
        case message(Int, IPCMessage)
        case handshake(Int, HelloAck)
        case runFinished(RunEnd)
        case closed(Int, (any Error)?)
        /// The gateway never confirmed that the end of run `String` is durable.
        case endAckOverdue(String)
    }

    /// The run in flight, which outlives a connection when the gateway restarts under it.
    /// Once finished it is kept (with its `end`) until the gateway confirms the end is
    /// durable: a gateway dying in between gets the end again from the re-attached worker.
    struct Held {
        let start: RunStart
        let task: Task<Void, Never>
        let channel: GatewayRunChannel
        var end: RunEnd?
        /// Lets the finished run go if the gateway never confirms its end; cancelled on release.
        var endAckTimer: Task<Void, Never>?
        var id: String { start.runId }

        /// Closes the run's channel and stops its end-confirmation timer.
        func release() {
            channel.close()
            endAckTimer?.cancel()
        }
    }

    /// What carries over from one gateway connection to the next.
    struct Serving {
        var current: Held?
        var served = 0
        var generation = 0
    }

    /// The connection ended while a run was in flight: re-attach rather than exit.
    struct GatewayLost: Error {
        let cause: (any Error)?
    }

    /// Serves the gateway connection `socket` (connected before the worker confined itself),
    /// and, when the gateway dies under a run, re-connects to its successor and hands the run
    /// over (issue 13).
    public func run(socket: IPCSocket) async -> Int32 {
        let (inputs, sink) = AsyncStream<Input>.makeStream()
        var iterator = inputs.makeAsyncIterator()
        var serving = Serving()
        var socket = socket
        while true {
            serving.generation += 1
            do {
                return try await IPCChannel.run(socket: socket) { connection in
                    try await serve(connection, serving: &serving, inputs: &iterator, sink: sink)
                }
            } catch let lost as GatewayLost {
                guard let held = serving.current else {
                    return Self.exitStatus(afterClosing: lost.cause ?? CancellationError()).rawValue
                }
                held.channel.detach()
                logger.warning("gateway lost with a run in flight; re-connecting", metadata: [
                    "run.id": "\(held.id)", "error": "\(lost.cause.map { "\($0)" } ?? "closed")",
                ])
                guard let next = await reconnect() else {
                    logger.error("gateway did not come back in time; giving the run up", metadata: ["run.id": "\(held.id)"])
                    await abandon(held)
                    return WorkerExitStatus.gatewayUnavailable.rawValue
                }
                socket = next
            } catch {
                logger.error("worker connection failed", metadata: ["error": "\(error)"])
                if let held = serving.current { await abandon(held) }
                return WorkerExitStatus.gatewayUnavailable.rawValue
            }
        }
    }

    /// Connects to the gateway socket again, backing off from a few milliseconds, for at
    /// most the re-attach grace. Works confined: seccomp allows `connect` on `AF_UNIX`, and
    /// Landlock does not restrict pathname sockets.
    private func reconnect() async -> IPCSocket? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: ReattachPolicy.grace)
        var delay = ReattachPolicy.initialBackoff
        while clock.now < deadline {
            if let socket = try? IPCSocket.connect(unixPath: options.socketPath) { return socket }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, ReattachPolicy.maxBackoff)
        }
        return nil
    }

    private func abandon(_ held: Held) async {
        held.release()
        held.task.cancel()
        await held.task.value
    }

    /// Why the worker exits when its connection ended with `error`. Only a refused hello is a
    /// mismatch that will repeat; a gateway that went away (killed, restarting) mid-hello or
    /// later is transient, and must never read as a boot failure to the supervisor.
    static func exitStatus(afterClosing error: any Error) -> WorkerExitStatus {
        guard let handshake = error as? IPCHandshakeError else { return .served }
        if case .refused = handshake { return .refusedByGateway }
        return .gatewayUnavailable
    }

    private func serve(
        _ connection: IPCConnection, serving: inout Serving, inputs: inout AsyncStream<Input>.Iterator, sink: AsyncStream<Input>.Continuation
    ) async throws -> Int32 {
        let pid = getpid()
        let generation = serving.generation
        // Re-connecting with a run: say which, so the new gateway can adopt it.
        let heldRun = serving.current.flatMap { $0.channel.heldRun(sessionId: $0.start.sessionId, job: $0.start.job) }
        if let current = serving.current, heldRun == nil {
            logger.warning("run is over; not handing it over", metadata: ["run.id": "\(current.id)"])
            await abandon(current)
            serving.current = nil
            return WorkerExitStatus.gatewayUnavailable.rawValue
        }
        let maxRuns = options.maxRuns > 0 ? options.maxRuns - serving.served : 0
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // Reader: the only consumer of the connection's messages.
            group.addTask { [logger, kind, sandbox] in
                var iterator = connection.messages.makeAsyncIterator()
                do {
                    let ack = try await connection.workerHandshake(
                        pid: pid, maxRuns: maxRuns, kind: kind, sandbox: sandbox, heldRun: heldRun, iterator: &iterator)
                    logger.debug("worker ready")
                    sink.yield(.handshake(generation, ack))
                    while let message = try await iterator.next() { sink.yield(.message(generation, message)) }
                    sink.yield(.closed(generation, nil))
                } catch {
                    sink.yield(.closed(generation, error))
                }
            }
            defer { group.cancelAll() }
            var ready = false
            // A run that ended while no gateway was there: its end goes out after the hello.
            var endedMeanwhile: RunEnd?
            while let input = await inputs.next() {
                switch input {
                case .message(let from, _) where from != generation, .handshake(let from, _) where from != generation,
                     .closed(let from, _) where from != generation:
                    continue  // from a connection that is gone
                case .handshake(_, let ack):
                    if serving.generation == 1, !ready { onReady() }
                    ready = true
                    if let current = serving.current {
                        guard let adoption = ack.adoption, adoption.runId == current.id else {
                            logger.warning("the restarted gateway did not take the run; giving it up", metadata: ["run.id": "\(current.id)"])
                            await abandon(current)
                            serving.current = nil
                            return WorkerExitStatus.gatewayUnavailable.rawValue
                        }
                        logger.info("run re-attached", metadata: [
                            "run.id": "\(current.id)", "persisted_wseq": "\(adoption.persistedWseq)",
                        ])
                        try await current.channel.reattach(connection, persisted: adoption.persistedWseq)
                        if let end = current.end { try await connection.send(.runEnd(end)) }
                    }
                    if let end = endedMeanwhile {
                        endedMeanwhile = nil
                        if let code = try await finish(end, serving: &serving, connection: connection, sink: sink) { return code }
                    }
                case .message(_, .runStart(let start)):
                    // The gateway took the previous run's end (it hands out the next run): done with it.
                    if let finished = serving.current, finished.end != nil {
                        finished.release()
                        serving.current = nil
                    }
                    guard serving.current == nil else {
                        try await connection.send(.fault(Fault(code: "busy", message: "worker already runs \(serving.current!.id)")))
                        continue
                    }
                    let channel = GatewayRunChannel(runId: start.runId, connection: connection)
                    serving.current = Held(start: start, task: startRun(start, channel: channel, sink: sink), channel: channel)
                case .message(_, .cancel(let cancel)):
                    if let current = serving.current, current.id == cancel.runId {
                        logger.info("run cancel requested", metadata: ["run.id": "\(cancel.runId)", "reason": "\(cancel.reason)"])
                        current.task.cancel()
                    }
                case .message(_, .runEventAck(let ack)) where ack.ended == true:
                    if let code = endConfirmed(ack.runId, serving: &serving) { return code }
                case .endAckOverdue(let runId):
                    if serving.current?.id == runId { logger.debug("run end not confirmed; letting the run go", metadata: ["run.id": "\(runId)"]) }
                    if let code = endConfirmed(runId, serving: &serving) { return code }
                case .message(_, let answer) where answer.kind == .toolDecision || answer.kind == .workspaceResponse
                    || answer.kind == .documentJobResult || answer.kind == .runEventAck:
                    if serving.current?.channel.deliver(answer) != true, answer.kind != .runEventAck {
                        logger.warning("answer for no pending request", metadata: ["type": "\(answer.kind.rawValue)"])
                    }
                case .message(_, let other):
                    logger.warning("unexpected message", metadata: ["type": "\(other.kind.rawValue)"])
                case .runFinished(let end):
                    guard ready else {
                        endedMeanwhile = end
                        continue
                    }
                    if let code = try await finish(end, serving: &serving, connection: connection, sink: sink) { return code }
                case .closed(_, let error):
                    if serving.current != nil, !(error is CancellationError), !Self.isRefusal(error) {
                        // The gateway died under the run: keep the run, find the next gateway.
                        throw GatewayLost(cause: error)
                    }
                    if let current = serving.current { await abandon(current) }
                    serving.current = nil
                    if let error, !(error is CancellationError) {
                        logger.warning("gateway connection closed with error", metadata: ["error": "\(error)"])
                        return Self.exitStatus(afterClosing: error).rawValue
                    }
                    return WorkerExitStatus.served.rawValue
                }
            }
            return 0
        }
    }

    /// The run's task ended: its end goes to the gateway. The run is kept until the gateway
    /// confirms the end is durable (``endConfirmed(_:serving:)``, at most the re-attach grace);
    /// a suspended run is let go at once (no process waits on a person).
    private func finish(
        _ end: RunEnd, serving: inout Serving, connection: IPCConnection, sink: AsyncStream<Input>.Continuation
    ) async throws -> Int32? {
        await serving.current?.task.value
        serving.served += 1
        if end.outcome == .suspended {
            serving.current?.channel.close()
            serving.current = nil
        } else {
            serving.current?.end = end
            let runId = end.runId
            // Owned by the held run: cancelled when it is released (confirmed, replaced, abandoned).
            serving.current?.endAckTimer = Task {
                guard (try? await Task.sleep(for: ReattachPolicy.grace)) != nil else { return }
                sink.yield(.endAckOverdue(runId))
            }
        }
        // Sent from here, not from the run's task: a cancelled task cannot write. A failed
        // send is noticed as the lost connection it is.
        try? await connection.send(.runEnd(end))
        if serving.current == nil, options.maxRuns > 0, serving.served >= options.maxRuns { return 0 }
        return nil
    }

    /// The gateway has the end of `runId` for good: the run is let go, and the worker exits
    /// if it has served all it may.
    private func endConfirmed(_ runId: String, serving: inout Serving) -> Int32? {
        guard let finished = serving.current, finished.id == runId, finished.end != nil else { return nil }
        finished.release()
        serving.current = nil
        if options.maxRuns > 0, serving.served >= options.maxRuns { return 0 }
        return nil
    }

    private static func isRefusal(_ error: (any Error)?) -> Bool {
        guard let handshake = error as? IPCHandshakeError else { return false }
        if case .refused = handshake { return true }
        if case .versionMismatch = handshake { return true }
        return false
    }

    /// The run executes in its own task so that `cancel` frames are read while it runs;
    /// the task is owned: it is awaited on `runFinished` or cancelled and awaited on close.
    private func startRun(_ start: RunStart, channel: GatewayRunChannel, sink: AsyncStream<Input>.Continuation) -> Task<Void, Never> {
        var runLogger = logger
        runLogger[metadataKey: "run.id"] = "\(start.runId)"
        runLogger[metadataKey: "session.id"] = "\(start.sessionId)"
        let executor = self.executor, kind = self.kind
        return Task { [runLogger] in
            runLogger.info("run started")
            let end: RunEnd
            #if SANDBOX_PROBE
            // Test builds only: attack the sandbox instead of running the job (see SandboxProbe).
            if let attempt = SandboxProbe.configured(ProcessInfo.processInfo.environment, kind: kind) {
                sink.yield(.runFinished(SandboxProbe.run(attempt, runId: start.runId, logger: runLogger)))
                return
            }
            #endif
            do {
                end = try await executor.execute(start, channel: channel)
            } catch is CancellationError {
                end = RunEnd(runId: start.runId, outcome: .cancelled)
            } catch {
                end = RunEnd(runId: start.runId, outcome: .failed, failure: .init(kind: .internal, code: "internal", message: "\(error)"))
            }
            runLogger.info("run ended", metadata: ["outcome": "\(end.outcome.rawValue)"])
            sink.yield(.runFinished(end))
        }
    }
}

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

    public init(options: WorkerOptions, kind: WorkerKind, sandbox: SandboxReport, executor: any RunExecutor, logger: Logger) {
        self.options = options
        self.kind = kind
        self.sandbox = sandbox
        self.executor = executor
        self.logger = logger
    }

    enum Input: Sendable {
        case message(IPCMessage)
        case runFinished(RunEnd)
        case closed((any Error)?)
    }

    /// Serves the gateway connection `socket` (connected before the worker confined itself).
    public func run(socket: IPCSocket) async -> Int32 {
        do {
            return try await IPCChannel.run(socket: socket) { connection in
                try await serve(connection)
            }
        } catch {
            logger.error("worker connection failed", metadata: ["error": "\(error)"])
            return WorkerExitStatus.gatewayUnavailable.rawValue
        }
    }

    /// Why the worker exits when its connection ended with `error`. Only a refused hello is a
    /// mismatch that will repeat; a gateway that went away (killed, restarting) mid-hello or
    /// later is transient, and must never read as a boot failure to the supervisor.
    static func exitStatus(afterClosing error: any Error) -> WorkerExitStatus {
        guard let handshake = error as? IPCHandshakeError else { return .served }
        if case .refused = handshake { return .refusedByGateway }
        return .gatewayUnavailable
    }

    private func serve(_ connection: IPCConnection) async throws -> Int32 {
        let (inputs, sink) = AsyncStream<Input>.makeStream()
        let pid = getpid()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // Reader: the only consumer of the connection's messages.
            group.addTask { [logger, options] in
                var iterator = connection.messages.makeAsyncIterator()
                do {
                    _ = try await connection.handshake(
                        role: .worker, pid: pid, maxRuns: options.maxRuns, kind: kind, sandbox: sandbox, iterator: &iterator)
                    logger.debug("worker ready")
                    while let message = try await iterator.next() { sink.yield(.message(message)) }
                    sink.yield(.closed(nil))
                } catch {
                    sink.yield(.closed(error))
                }
            }
            defer { group.cancelAll() }
            var served = 0
            var current: (id: String, task: Task<Void, Never>, channel: GatewayRunChannel)?
            for await input in inputs {
                switch input {
                case .message(.runStart(let start)):
                    guard current == nil else {
                        try await connection.send(.fault(Fault(code: "busy", message: "worker already runs \(current!.id)")))
                        continue
                    }
                    let channel = GatewayRunChannel(runId: start.runId, connection: connection)
                    current = (start.runId, startRun(start, channel: channel, sink: sink), channel)
                case .message(.cancel(let cancel)):
                    if let current, current.id == cancel.runId {
                        logger.info("run cancel requested", metadata: ["run.id": "\(cancel.runId)", "reason": "\(cancel.reason)"])
                        current.task.cancel()
                    }
                case .message(let answer) where answer.kind == .toolDecision || answer.kind == .workspaceResponse
                    || answer.kind == .documentJobResult:
                    if current?.channel.deliver(answer) != true {
                        logger.warning("answer for no pending request", metadata: ["type": "\(answer.kind.rawValue)"])
                    }
                case .message(let other):
                    logger.warning("unexpected message", metadata: ["type": "\(other.kind.rawValue)"])
                case .runFinished(let end):
                    current?.channel.close()
                    await current?.task.value
                    // Sent from here, not from the run's task: a cancelled task cannot write.
                    try await connection.send(.runEnd(end))
                    current = nil
                    served += 1
                    if options.maxRuns > 0, served >= options.maxRuns { return 0 }
                case .closed(let error):
                    current?.channel.close()
                    current?.task.cancel()
                    await current?.task.value
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

import Foundation
import IPC
import Logging

/// `resume-agent serve`: one loop over one stream of events (signals, child exits, gateway
/// frames, timers), in the manner of gunicorn's arbiter and OTP's supervisor.
public struct Supervisor: Sendable {
    let configuration: SupervisorConfiguration
    let spawner: any ProcessSpawner
    let notifier: any SystemdNotifier
    let logger: Logger

    public init(
        configuration: SupervisorConfiguration,
        spawner: any ProcessSpawner = PosixSpawner(),
        notifier: any SystemdNotifier = LibsystemdNotifier(),
        logger: Logger
    ) {
        self.configuration = configuration
        self.spawner = spawner
        self.notifier = notifier
        self.logger = logger
    }

    /// Runs until stopped; returns the process exit code (0 after a clean drain, 1 after
    /// giving up on a crash loop). Signals must already be blocked (`SignalSource`).
    public func run() async -> Int32 {
        let (events, sink) = AsyncStream<SupervisorEvent>.makeStream()
        SignalSource.start { sink.yield(.signal($0)) }
        let clock = ContinuousClock()
        let origin = clock.now
        let core = SupervisorCore(
            configuration: configuration, spawner: spawner, notifier: notifier, logger: logger,
            now: { clock.now - origin }
        )
        return await withTaskGroup(of: Void.self, returning: Int32.self) { tasks in
            let interval = core.probeInterval
            tasks.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    sink.yield(.tick)
                }
            }
            core.start()
            perform(core, tasks: &tasks, sink: sink)
            for await event in events {
                core.handle(event)
                perform(core, tasks: &tasks, sink: sink)
                if let code = core.exitCode {
                    tasks.cancelAll()
                    return code
                }
            }
            return 1
        }
    }

    private func perform(
        _ core: SupervisorCore, tasks: inout TaskGroup<Void>, sink: AsyncStream<SupervisorEvent>.Continuation
    ) {
        let effects = core.effects
        core.effects.removeAll()
        for effect in effects {
            switch effect {
            case .after(let delay, let event):
                tasks.addTask {
                    try? await Task.sleep(for: delay)
                    if !Task.isCancelled { sink.yield(event) }
                }
            case .send(let connection, let message):
                tasks.addTask { try? await connection.send(message) }
            case .startLink(let fd, let generation):
                tasks.addTask { [logger] in
                    await Self.link(fd: fd, generation: generation, sink: sink, logger: logger)
                }
            }
        }
    }

    /// Reads the gateway's control socket until it closes, forwarding every frame.
    private static func link(
        fd: Int32, generation: Int, sink: AsyncStream<SupervisorEvent>.Continuation, logger: Logger
    ) async {
        do {
            let raw = try await IPCChannel.adopt(socket: fd)
            try await IPCChannel.run(raw) { connection in
                var iterator = connection.messages.makeAsyncIterator()
                _ = try await connection.acceptHandshake(expecting: [.gateway], iterator: &iterator)
                sink.yield(.gatewayLinked(generation: generation, connection))
                while let message = try await iterator.next() {
                    sink.yield(.gatewayMessage(generation: generation, message))
                }
            }
            sink.yield(.gatewayLinkClosed(generation: generation, reason: nil))
        } catch {
            sink.yield(.gatewayLinkClosed(generation: generation, reason: "\(error)"))
        }
    }
}

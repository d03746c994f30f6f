#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging

/// `resume-agent serve`: one loop over one stream of events (signals, child exits, gateway
/// frames, timers), in the manner of gunicorn's arbiter and OTP's supervisor. The decisions
/// are ``SupervisorCore``'s; this loop only carries out its effects.
public struct Supervisor: Sendable {
    let configuration: SupervisorConfiguration
    /// The operator's provider keys by provider name (never printed; see ``ProviderKeys``).
    let providerKeys: [String: String]
    let spawner: any ProcessSpawner
    let notifier: any SystemdNotifier
    let logger: Logger

    public init(
        configuration: SupervisorConfiguration,
        providerKeys: [String: String] = [:],
        spawner: any ProcessSpawner = PosixSpawner(),
        notifier: any SystemdNotifier = LibsystemdNotifier(),
        logger: Logger
    ) {
        self.configuration = configuration
        self.providerKeys = providerKeys
        self.spawner = spawner
        self.notifier = notifier
        self.logger = logger
    }

    /// Runs until stopped; returns the process exit code (0 after a clean drain, 1 after
    /// giving up). Signals must already be routed to us (`SignalSource`).
    public func run() async -> Int32 {
        let (events, sink) = AsyncStream<SupervisorEvent>.makeStream()
        SignalSource.start { signal in
            // Reaping happens here, at the source: the core hears each exit as an event.
            if signal == SIGCHLD {
                for (pid, exit) in reapChildren() { sink.yield(.childExited(pid: pid, exit: exit)) }
            } else {
                sink.yield(.signal(signal))
            }
        }
        let clock = ContinuousClock()
        let origin = clock.now
        var core = SupervisorCore(
            configuration: configuration, watchdogMicroseconds: notifier.watchdogMicroseconds,
            childEnvironment: ProcessInfo.processInfo.environment.merging(["RESUME_AGENT_SUPERVISOR_PID": "\(getpid())"]) { $1 },
            providerKeys: providerKeys, logger: logger, now: { origin.duration(to: clock.now) }
        )
        SandboxSupport.logOnce(logger: logger)
        let interval = core.probeInterval
        return await withDiscardingTaskGroup(returning: Int32.self) { tasks in
            tasks.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    sink.yield(.tick)
                }
            }
            perform(core.start(), core: &core, tasks: &tasks, sink: sink)
            for await event in events {
                perform(core.handle(event), core: &core, tasks: &tasks, sink: sink)
                if let code = core.exitCode {
                    tasks.cancelAll()
                    return code
                }
            }
            return 1
        }
    }

    /// Carries out effects; a spawn's outcome is handed straight back to the core, so its
    /// state knows the pid before any later event (such as the child's exit) arrives.
    private func perform(
        _ effects: [SupervisorEffect], core: inout SupervisorCore, tasks: inout DiscardingTaskGroup,
        sink: AsyncStream<SupervisorEvent>.Continuation
    ) {
        for effect in effects {
            switch effect {
            case .spawnGateway(let generation, let spec):
                perform(core.handle(spawnGateway(spec, generation: generation, tasks: &tasks, sink: sink)), core: &core, tasks: &tasks, sink: sink)
            case .spawnWorker(let kind, let spec):
                let outcome: SupervisorEvent
                do {
                    outcome = .workerSpawned(pid: try spawner.spawn(spec), kind: kind)
                } catch {
                    outcome = .workerSpawnFailed(kind, reason: "\(error)", repeats: (error as? SpawnError)?.repeats ?? false)
                }
                perform(core.handle(outcome), core: &core, tasks: &tasks, sink: sink)
            case .removeScratch(let pid):
                WorkerScratch.remove(root: configuration.scratchRoot, pid: pid)
            case .signal(let pid, let signal):
                kill(pid, signal)
            case .notify(let state):
                notifier.notify(state)
            case .announce(let text):
                FileHandle.standardOutput.write(Data(text.utf8))
            case .after(let delay, let event):
                tasks.addTask {
                    try? await Task.sleep(for: delay)
                    if !Task.isCancelled { sink.yield(event) }
                }
            case .send(let connection, let message):
                tasks.addTask { try? await connection.send(message) }
            }
        }
    }

    /// A gateway with a fresh control socket pair: the child gets one end as fd 3, the link
    /// task reads the other.
    private func spawnGateway(
        _ spec: SpawnSpec, generation: Int, tasks: inout DiscardingTaskGroup, sink: AsyncStream<SupervisorEvent>.Continuation
    ) -> SupervisorEvent {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            return .spawnFailed(.gateway, reason: "socketpair: \(String(cString: strerror(errno)))")
        }
        var spec = spec
        spec.passedDescriptors = [pair[1]] + spec.passedDescriptors
        defer { close(pair[1]) }
        do {
            let pid = try spawner.spawn(spec)
            let parent = pair[0]
            tasks.addTask { [logger] in await Self.link(fd: parent, generation: generation, sink: sink, logger: logger) }
            return .gatewaySpawned(generation: generation, pid: pid)
        } catch {
            close(pair[0])
            return .spawnFailed(.gateway, reason: "\(error)")
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

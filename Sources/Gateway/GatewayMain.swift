#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IPC
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import ServiceSupport
import Store

/// Entry point of `resume-agent-gateway`.
public enum GatewayMain {
    public static func run() async {
        LoggingSetup.bootstrap()
        var logger = Logger(label: "gateway")
        logger[metadataKey: "gateway.pid"] = "\(getpid())"
        let environment = ProcessInfo.processInfo.environment
        let options: GatewayOptions
        do {
            options = try GatewayOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: environment)
        } catch {
            logger.error("invalid gateway arguments", metadata: ["error": "\(error)"])
            exit(64)
        }
        ParentWatch.dieWithParent(expectedParent: options.supervisorPid)
        signal(SIGINT, SIG_IGN)  // Ctrl-C reaches the whole group; the supervisor drains us.
        signal(SIGPIPE, SIG_IGN)
        if (environment["RESUME_AGENT_FAULT"] ?? "").contains("gateway-boot-crash") {
            logger.error("injected fault: crashing at boot")
            exit(3)
        }
        do {
            try FileManager.default.createDirectory(atPath: options.runtimeDirectory, withIntermediateDirectories: true)
        } catch {
            logger.error("cannot create runtime directory", metadata: ["path": "\(options.runtimeDirectory)", "error": "\(error)"])
            exit(73)
        }
        let metrics = GatewayMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let store: Store
        let orphans: [RunRecord]
        do {
            store = try Store(dataDirectory: options.dataDirectory)
            // Runs that were on a worker wait a short grace for it to re-attach (issue 13).
            orphans = try await RunManager.recoverForAdoption(store: store, logger: logger)
        } catch {
            logger.error("cannot open the store", metadata: ["data_dir": "\(options.dataDirectory)", "error": "\(error)"])
            exit(74)
        }
        let settings: GatewaySettings
        do {
            settings = try GatewaySettings(environment: environment, configFile: options.configFile)
        } catch {
            logger.error("invalid configuration", metadata: ["config": "\(options.configFile ?? "")", "error": "\(error)"])
            exit(78)
        }
        do {
            try settings.pricing.validate()
        } catch {
            logger.error("invalid provider configuration", metadata: ["error": "\(error)"])
            exit(78)  // EX_CONFIG: every restart would fail the same way
        }
        let gateway = buildGateway(options: options, settings: settings, store: store, logger: logger, metrics: metrics, orphans: orphans)
        var services: [any Service] = []
        let (drains, drainSink) = AsyncStream<Drain>.makeStream()
        if let fd = options.controlFD {
            services.append(SupervisorLink(
                fd: fd, pool: gateway.pool, providers: gateway.providers, metrics: metrics, readiness: gateway.readiness, state: gateway.link,
                health: { await store.ping() },
                onDrain: { drainSink.yield($0) },
                logger: logger
            ))
        }
        // Shutdown runs in reverse: runs drain first (their streams end), then HTTP stops,
        // then the workers go, then the document jobs runs asked for, then the event log
        // writes what is left, then the link.
        services += [gateway.log] + gateway.maintenance + [gateway.documentJobs, gateway.workerListener, gateway.application, gateway.runs]
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm],
            cancellationSignals: [],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(options.drainSeconds * 1000))
        let group = ServiceGroup(configuration: configuration)
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    for await _ in drains {
                        await group.triggerGracefulShutdown()
                        return
                    }
                }
                try await group.run()
                drainSink.finish()
                tasks.cancelAll()
            }
            logger.info("gateway stopped")
            exit(0)
        } catch is CancellationError {
            logger.info("gateway stopped")
            exit(0)
        } catch {
            logger.error("gateway failed", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CSystemShims
import Foundation
import Logging
import ProviderCatalog
import ServiceSupport
import Store

/// `resume-agent serve`: runs the service (supervisor → gateway → warm worker pool).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Resume Agent server (HTTP API, web UI and worker pool)."
    )

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "TCP port to listen on; 0 picks a free one (default 8080).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Where sessions and files live (default $STATE_DIRECTORY or ./data).")
    var dataDirectory: String?

    @Option(help: "Idle agent workers kept warm (default 2).")
    var workers: Int?

    @Option(name: .customLong("document-workers"), help: "Idle document workers kept warm: imports, previews, exports (default 1).")
    var documentWorkers: Int?

    @Option(name: .customLong("max-workers"), help: "Most worker processes at once (default 16).")
    var maxWorkers: Int?

    @Option(help: "JSON configuration file (flags override it).")
    var config: String?

    func run() async throws {
        LoggingSetup.bootstrap()
        var logger = Logger(label: "supervisor")
        logger[metadataKey: "supervisor.pid"] = "\(getpid())"
        let environment = ProcessInfo.processInfo.environment
        var configuration = SupervisorConfiguration(binDirectory: Self.binDirectory(environment: environment))
        var providerKeys: [String: String] = [:]
        if let stateDirectory = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            configuration.dataDirectory = String(stateDirectory)
        }
        if let runtimeDirectory = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first {
            configuration.runtimeDirectory = String(runtimeDirectory)
        }
        do {
            if let config { try configuration.apply(configFile: config) }
            if let host { configuration.host = host }
            if let port { configuration.port = port }
            if let dataDirectory { configuration.dataDirectory = dataDirectory }
            if let workers { configuration.minIdleWorkers = workers }
            if let documentWorkers {
                configuration.minIdleDocumentWorkers = documentWorkers
                configuration.maxDocumentWorkers = Swift.max(configuration.maxDocumentWorkers, documentWorkers)
            }
            if let temporary = environment["TMPDIR"], !temporary.isEmpty { configuration.scratchRoot = temporary }
            if let maxWorkers { configuration.maxWorkers = maxWorkers }
            if let metricsListen { configuration.metricsListen = metricsListen }
            if let config { configuration.configFile = (config as NSString).isAbsolutePath ? config : FileManager.default.currentDirectoryPath + "/" + config }
            if workers != nil, maxWorkers == nil, configuration.maxWorkers < configuration.minIdleWorkers {
                configuration.maxWorkers = configuration.minIdleWorkers
            }
            if ra_sd_listen_fds() >= 1 {
                // systemd passed the listening socket as fd 3: keep it out of workers (they never
                // get it) and hand it to each gateway generation.
                _ = ra_set_cloexec(3)
                configuration.inheritedListenFD = 3
                logger.info("using socket from systemd socket activation")
            }
            try configuration.validate()
            // A model without a price would be free to the cost cap: refuse before spawning anything.
            let policy = try ProviderPolicy.validated(environment: environment)
            // Only the built-in engines allowed: agent workers never need libcurl; do not load it.
            configuration.agentWorkersPreloadTransport = policy.reachesNetwork
            // Read here, kept only in this process; the gateway gets them over its control link.
            providerKeys = try ProviderSecrets.keysByProvider(environment: environment)
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
            // Migrate before any gateway starts, and mint the first token on an empty data dir.
            let store = try Store(dataDirectory: configuration.dataDirectory)
            if let token = try store.bootstrapDefaultTenant() {
                // Kept in a file only this user can read; printed only to a person at a terminal
                // (under systemd, stdout is the journal, which others may read).
                let file = (configuration.dataDirectory as NSString).appendingPathComponent(SupervisorConfiguration.initialTokenFile)
                try InitialToken.write(token, to: file)
                configuration.firstRunTokenFile = file
                if isatty(STDOUT_FILENO) == 1 { configuration.firstRunToken = token }
                logger.info("created the default tenant and its first (admin) API token", metadata: ["token_file": "\(file)"])
            }
        } catch {
            logger.error("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(78)  // EX_CONFIG
        }
        logger.info("starting", metadata: [
            "data_dir": "\(configuration.dataDirectory)", "workers.min_idle": "\(configuration.minIdleWorkers)",
            "workers.max": "\(configuration.maxWorkers)",
        ])
        let code = await Supervisor(configuration: configuration, providerKeys: providerKeys, logger: logger).run()
        logger.info("stopped", metadata: ["exit.code": "\(code)"])
        Glibc.exit(code)
    }

    /// The metrics-only listener (`--metrics-listen HOST:PORT`).
    @Option(name: .customLong("metrics-listen"), help: "Also serve /metrics without a token on HOST:PORT (for a local Prometheus).")
    var metricsListen: String?

    /// The gateway and worker executables sit next to this one (or in `RESUME_AGENT_BIN_DIR`).
    static func binDirectory(environment: [String: String]) -> String {
        if let directory = environment["RESUME_AGENT_BIN_DIR"] { return directory }
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The service being measured and its fake model: started here (a fresh data directory, the
/// release or debug binaries of `--bin-dir`) or attached to (a URL and a token; processes only
/// if the supervisor's pid is given).
final class ServiceUnderTest: Sendable {
    let port: Int
    let token: String
    /// An admin token of the same tenant, for `/metrics` (nil: try the user token).
    let adminToken: String?
    let supervisorPid: Int32?
    let dataDirectory: String?
    let minIdleWorkers: Int
    let service: ChildProcess?
    let model: ChildProcess?
    let modelPort: Int?
    let logDirectory: String

    struct Options: Sendable {
        var binDirectory: String
        var workDirectory: String
        var workers: Int?
        var maxWorkers: Int?
        var logLevel = "warning"
        var runTimeoutSeconds = 600
        var modelDefaults = ModelDirective(ttftMs: 0, tokensPerSecond: 0, tokens: 50)
        /// Raise the load tenant's own limits (it stands in for many people).
        var raiseTenantLimits = true
        var extraEnvironment: [String: String] = [:]
    }

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    private init(
        port: Int, token: String, adminToken: String?, supervisorPid: Int32?, dataDirectory: String?, minIdleWorkers: Int, service: ChildProcess?,
        model: ChildProcess?, modelPort: Int?, logDirectory: String
    ) {
        self.port = port
        self.token = token
        self.adminToken = adminToken
        self.supervisorPid = supervisorPid
        self.dataDirectory = dataDirectory
        self.minIdleWorkers = minIdleWorkers
        self.service = service
        self.model = model
        self.modelPort = modelPort
        self.logDirectory = logDirectory
    }

    /// Starts the fake model, mints a token in a fresh data directory, starts `resume-agent
    /// serve` pointed at the model, and waits until it is ready (pool warm).
    static func start(_ options: Options) async throws -> ServiceUnderTest {
        let work = options.workDirectory
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let data = work + "/data"
        var base = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "RESUME_AGENT_FAULT"] {
            base[key] = nil
        }

        let defaults = options.modelDefaults
        let model = try ChildProcess(
            options.binDirectory + "/resume-agent-fakemodel",
            ["--ttft-ms", "\(defaults.ttftMs ?? 0)", "--tps", "\(defaults.tokensPerSecond ?? 0)", "--tokens", "\(defaults.tokens ?? 50)", "--exit-with-parent"],
            environment: base, logFile: work + "/fakemodel.log", ownGroup: false)
        let modelPort: Int
        do {
            let line = try await model.waitForLine(timeout: .seconds(20)) { $0.contains("listening port=") }
            guard let port = Int(line.split(separator: "=").last ?? "") else { throw StartError(description: "fake model printed no port") }
            modelPort = port
        } catch {
            await model.stop(grace: .seconds(1))
            throw error
        }

        do {
            // One tenant stands in for every virtual user: its per-tenant limits (runs at once,
            // requests per minute per token, sessions, budget, storage, streams) are raised so
            // that they do not bind; every request still goes through their checks. Global
            // guardrails (uploads at once, the worker pool, the run queue) keep their defaults.
            if options.raiseTenantLimits {
                _ = try await command(
                    binDirectory: options.binDirectory,
                    ["tenant", "create", "load", "--data-dir", data, "--daily-budget-usd", "1000000", "--max-sessions", "100000000",
                     "--max-concurrent-runs", "1000000", "--storage-mb", "100000000", "--requests-per-minute", "100000000"],
                    environment: base, log: work + "/token.log")
            }
            let token = try await mintToken(binDirectory: options.binDirectory, data: data, admin: false, environment: base, log: work + "/token.log")
            // `/metrics` (the pool's size) needs an admin token on the public listener.
            let adminToken = try await mintToken(binDirectory: options.binDirectory, data: data, admin: true, environment: base, log: work + "/token.log")
            var environment = base
            environment["RESUME_AGENT_PROVIDERS"] = "openai"
            environment["OPENAI_BASE_URL"] = "http://127.0.0.1:\(modelPort)/v1"
            environment["OPENAI_API_KEY"] = "x"
            environment["OPENAI_MODEL"] = "gpt-4o-mini"
            environment["RESUME_AGENT_LOG_LEVEL"] = options.logLevel
            environment["RESUME_AGENT_RUN_TIMEOUT_S"] = "\(options.runTimeoutSeconds)"
            for (key, value) in options.extraEnvironment { environment[key] = value }
            var arguments = ["serve", "--port", "0", "--data-dir", data]
            if options.raiseTenantLimits {
                let config = work + "/config.json"
                try #"{"http": {"max_streams_per_tenant": 1000000}}"#.write(toFile: config, atomically: true, encoding: .utf8)
                arguments += ["--config", config]
            }
            if let workers = options.workers { arguments += ["--workers", "\(workers)"] }
            if let maxWorkers = options.maxWorkers { arguments += ["--max-workers", "\(maxWorkers)"] }
            let service = try ChildProcess(
                options.binDirectory + "/resume-agent", arguments, environment: environment, logFile: work + "/service.log", ownGroup: true)
            let ready: String
            do {
                ready = try await service.waitForLine(timeout: .seconds(60)) { $0.contains("http://") && $0.lowercased().contains("ready") }
            } catch {
                await service.stop(grace: .seconds(2))
                throw error
            }
            guard let port = Self.port(in: ready) else {
                await service.stop(grace: .seconds(2))
                throw StartError(description: "no port in the ready line: \(ready)")
            }
            return ServiceUnderTest(
                port: port, token: token, adminToken: adminToken, supervisorPid: service.pid, dataDirectory: data, minIdleWorkers: options.workers ?? 2,
                service: service, model: model, modelPort: modelPort, logDirectory: work)
        } catch {
            await model.stop(grace: .seconds(1))
            throw error
        }
    }

    /// A service someone else runs.
    static func attach(
        port: Int, token: String, adminToken: String?, supervisorPid: Int32?, dataDirectory: String?, minIdleWorkers: Int, logDirectory: String
    ) -> ServiceUnderTest {
        ServiceUnderTest(
            port: port, token: token, adminToken: adminToken, supervisorPid: supervisorPid, dataDirectory: dataDirectory, minIdleWorkers: minIdleWorkers,
            service: nil, model: nil, modelPort: nil, logDirectory: logDirectory)
    }

    /// `resume-agent token create` in the fresh data directory: the token is its last line.
    private static func mintToken(binDirectory: String, data: String, admin: Bool, environment: [String: String], log: String) async throws -> String {
        let output = try await command(
            binDirectory: binDirectory, ["token", "create", "--tenant", "load", "--data-dir", data] + (admin ? ["--admin"] : []),
            environment: environment, log: log)
        guard let token = output.last(where: { !$0.isEmpty && !$0.contains(" ") }) else {
            throw StartError(description: "`resume-agent token create` printed no token (see \(log))")
        }
        return token
    }

    /// Runs a `resume-agent` command to its end; its stdout lines.
    private static func command(binDirectory: String, _ arguments: [String], environment: [String: String], log: String) async throws -> [String] {
        if let data = arguments.firstIndex(of: "--data-dir").map({ arguments[$0 + 1] }) {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let process = try ChildProcess(binDirectory + "/resume-agent", arguments, environment: environment, logFile: log, ownGroup: false)
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard let status = process.exitStatus, status == 0 else {
            process.killNow()
            throw StartError(description: "`resume-agent \(arguments.prefix(2).joined(separator: " "))` failed (see \(log))")
        }
        // The reader thread may still be draining the pipe after the exit.
        try await Task.sleep(for: .milliseconds(50))
        return process.output
    }

    static func port(in line: String) -> Int? {
        guard let range = line.range(of: #"http://[^:/ ]+:(\d+)"#, options: .regularExpression) else { return nil }
        return Int(line[range].split(separator: ":").last ?? "")
    }

    var processes: ServiceProcesses? { supervisorPid.map(ServiceProcesses.of) }

    /// The supervisor still runs (never true after it exited, whoever reaped it).
    var supervisorAlive: Bool {
        if let service { return service.isRunning }
        guard let pid = supervisorPid else { return true }
        return kill(pid, 0) == 0 && ProcStat.read(pid)?.state != "Z"
    }

    /// SIGTERM to the supervisor (drains), SIGKILL to the group after the grace; then the model.
    func stop() async -> (status: Int32?, clean: Bool)? {
        let result = await service?.stop(grace: .seconds(20))
        await model?.stop(grace: .seconds(2))
        return result
    }

    func killEverything() {
        service?.killNow()
        model?.killNow()
    }
}

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
        var extraEnvironment: [String: String] = [:]
    }

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    private init(
        port: Int, token: String, supervisorPid: Int32?, dataDirectory: String?, minIdleWorkers: Int, service: ChildProcess?,
        model: ChildProcess?, modelPort: Int?, logDirectory: String
    ) {
        self.port = port
        self.token = token
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
            let token = try await mintToken(binDirectory: options.binDirectory, data: data, environment: base, log: work + "/token.log")
            var environment = base
            environment["RESUME_AGENT_PROVIDERS"] = "openai"
            environment["OPENAI_BASE_URL"] = "http://127.0.0.1:\(modelPort)/v1"
            environment["OPENAI_API_KEY"] = "x"
            environment["OPENAI_MODEL"] = "gpt-4o-mini"
            environment["RESUME_AGENT_LOG_LEVEL"] = options.logLevel
            environment["RESUME_AGENT_RUN_TIMEOUT_S"] = "\(options.runTimeoutSeconds)"
            for (key, value) in options.extraEnvironment { environment[key] = value }
            var arguments = ["serve", "--port", "0", "--data-dir", data]
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
                port: port, token: token, supervisorPid: service.pid, dataDirectory: data, minIdleWorkers: options.workers ?? 2,
                service: service, model: model, modelPort: modelPort, logDirectory: work)
        } catch {
            await model.stop(grace: .seconds(1))
            throw error
        }
    }

    /// A service someone else runs.
    static func attach(port: Int, token: String, supervisorPid: Int32?, dataDirectory: String?, minIdleWorkers: Int, logDirectory: String) -> ServiceUnderTest {
        ServiceUnderTest(
            port: port, token: token, supervisorPid: supervisorPid, dataDirectory: dataDirectory, minIdleWorkers: minIdleWorkers,
            service: nil, model: nil, modelPort: nil, logDirectory: logDirectory)
    }

    /// `resume-agent token create` in the fresh data directory: the token is its last line.
    private static func mintToken(binDirectory: String, data: String, environment: [String: String], log: String) async throws -> String {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let command = try ChildProcess(
            binDirectory + "/resume-agent", ["token", "create", "--tenant", "load", "--data-dir", data], environment: environment, logFile: log,
            ownGroup: false)
        let deadline = ContinuousClock.now + .seconds(30)
        while command.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        // The reader thread may still be draining the pipe after the exit.
        try await Task.sleep(for: .milliseconds(50))
        guard let token = command.output.last(where: { !$0.isEmpty && !$0.contains(" ") }) else {
            throw StartError(description: "`resume-agent token create` printed no token (see \(log))")
        }
        return token
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

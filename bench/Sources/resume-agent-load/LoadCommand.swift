#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation

/// `resume-agent-load`: the load + chaos suite (issue 13). Starts a fresh `resume-agent serve`
/// pointed at `resume-agent-fakemodel` (both from `--bin-dir`), drives one or more profiles
/// over HTTP + SSE, verifies, and prints one report per profile (Markdown; JSON with --json).
/// Exits 1 when a verification fails (goals are informational), 2 when a profile could not run.
@main
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume-agent-load",
        abstract: "Load and chaos suite for Resume Agent: virtual users over HTTP + SSE against a fake OpenAI-compatible model.",
        discussion: "Profiles: \(Profiles.names.joined(separator: ", ")). See bench/README.md."
    )

    @Option(name: .shortAndLong, help: "Profile(s), comma-separated (\(Profiles.names.joined(separator: ", ")), or all).")
    var profile = "smoke"

    @Flag(help: "Add chaos to the profile(s): SIGKILL a random worker every --worker-kill-ms, the gateway --gateway-kills times.")
    var chaos = false
    @Option(name: .customLong("worker-kill-ms"), help: "With chaos: ms between worker kills (0: none).") var workerKillMs: Int?
    @Option(name: .customLong("gateway-kills"), help: "With chaos: gateway kills over the window.") var gatewayKills: Int?

    @Option(help: "Virtual users.") var users: Int?
    @Option(name: .customLong("duration"), help: "Load window, s.") var durationSeconds: Double?
    @Option(name: .customLong("ramp"), help: "Ramp-up, s.") var rampSeconds: Double?
    @Option(name: .customLong("think-ms"), help: "Think time range, ms (e.g. 200-800).") var thinkMs: String?
    @Option(name: .customLong("run-slots"), help: "Most runs streaming at once.") var runSlots: Int?
    @Option(help: "Iterations of the interrupt/approve micro-profiles.") var iterations: Int?
    @Option(name: .customLong("model-ttft-ms"), help: "Model time to first token, ms.") var modelTTFT: Int?
    @Option(name: .customLong("model-tps"), help: "Model tokens per second (0: no delay).") var modelTPS: Double?
    @Option(name: .customLong("model-tokens"), help: "Tokens per answer.") var modelTokens: Int?
    @Option(help: "serve --workers (warm pool).") var workers: Int?
    @Option(name: .customLong("max-workers"), help: "serve --max-workers.") var maxWorkers: Int?

    @Option(name: .customLong("bin-dir"), help: "Directory with resume-agent, -gateway, -worker and -fakemodel (default: this executable's).")
    var binDirectory: String?
    @Option(name: .customLong("work-dir"), help: "Where data directories and logs go (default /tmp/ra-load-PID).") var workDirectory: String?
    @Option(help: "Fixtures directory (resumes/, jds/).") var fixtures: String?
    @Option(name: .customLong("log-level"), help: "The service's RESUME_AGENT_LOG_LEVEL.") var logLevel = "warning"
    @Option(help: "Write the results as JSON to this file (- for stdout, after the tables).") var json: String?
    @Option(help: "Also write the Markdown report to this file.") var markdown: String?
    @Flag(name: .customLong("no-verify"), help: "Skip the API replay and SQLite audit.") var noVerify = false
    @Flag(name: .customLong("keep"), help: "Keep data directories and logs even when everything passed.") var keep = false
    @Option(name: .customLong("client-threads"), help: "Event loop threads of the load driver.") var clientThreads = 1
    @Flag(name: .customLong("default-tenant-limits"), help: "Keep the load tenant at the default tenant limits (tests the guardrails, not capacity).")
    var defaultTenantLimits = false

    @Option(help: "Attach to a running service at this URL instead of starting one (needs --token).") var attach: String?
    @Option(help: "API token for --attach.") var token: String?
    @Option(name: .customLong("admin-token"), help: "With --attach: an admin token, for /metrics (the pool's size).") var adminToken: String?
    @Option(name: .customLong("supervisor-pid"), help: "With --attach: the supervisor's pid (process figures, chaos).") var supervisorPid: Int32?
    @Option(name: .customLong("data-dir"), help: "With --attach: the service's data directory (SQLite audit, read-only).") var dataDirectory: String?

    func validate() throws {
        for name in profileNames where Profiles.named(name) == nil {
            throw ValidationError("unknown profile '\(name)' (known: \(Profiles.names.joined(separator: ", ")))")
        }
        if attach != nil, token == nil { throw ValidationError("--attach needs --token") }
        if let thinkMs, Self.range(thinkMs) == nil { throw ValidationError("--think-ms takes MIN-MAX, e.g. 200-800") }
    }

    var profileNames: [String] {
        profile == "all" ? Profiles.names : profile.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        if parts.count == 1 { return parts[0]...parts[0] }
        guard parts.count == 2, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }

    func plan(_ name: String) -> LoadPlan {
        var plan = Profiles.named(name)!
        if let users { plan.users = users }
        if let durationSeconds { plan.durationSeconds = durationSeconds }
        if let rampSeconds { plan.rampSeconds = rampSeconds }
        if let thinkMs, let range = Self.range(thinkMs) { plan.thinkMs = range }
        if let runSlots { plan.runSlots = runSlots }
        if let iterations { plan.iterations = iterations }
        if let modelTTFT { plan.model.ttftMs = modelTTFT }
        if let modelTPS { plan.model.tokensPerSecond = modelTPS }
        if let modelTokens { plan.model.tokens = modelTokens }
        if let workers { plan.workers = workers }
        if let maxWorkers { plan.maxWorkers = maxWorkers }
        if chaos, plan.chaos == nil {
            if plan.kind == .journeys || plan.kind == .peak {
                plan.chaos = ChaosPlan()
            } else {
                // One run at a time has nothing for chaos to show but that run failing.
                FileHandle.standardError.write(Data("resume-agent-load: --chaos applies to the journeys profiles and peak64, not to \(name)\n".utf8))
            }
        }
        if var chaosPlan = plan.chaos {
            if let workerKillMs { chaosPlan.workerKillEvery = workerKillMs > 0 ? .milliseconds(workerKillMs) : nil }
            if let gatewayKills { chaosPlan.gatewayKills = gatewayKills }
            plan.chaos = chaosPlan
        }
        return plan
    }

    func run() async throws {
        let signalSources = ChildRegistry.shared.installSignalHandlers()
        defer { withExtendedLifetime(signalSources) {} }
        var options = ProfileRunner.Options(
            binDirectory: binDirectory ?? Self.ownDirectory(),
            workRoot: workDirectory ?? "/tmp/ra-load-\(getpid())",
            fixturesDirectory: fixtures ?? Fixtures.defaultDirectory())
        options.logLevel = logLevel
        options.verify = !noVerify
        options.eventLoopThreads = max(1, clientThreads)
        options.keepWorkDirectory = keep
        options.raiseTenantLimits = !defaultTenantLimits
        if let attach {
            guard let port = ServiceUnderTest.port(in: attach) else { throw ValidationError("--attach takes a URL like http://127.0.0.1:8080") }
            options.attach = ProfileRunner.Attach(
                port: port, token: token ?? "", adminToken: adminToken, supervisorPid: supervisorPid, dataDirectory: dataDirectory, minIdleWorkers: workers ?? 2)
        }
        var results: [ProfileResult] = []
        var failedToRun: [String] = []
        for name in profileNames {
            let plan = plan(name)
            FileHandle.standardError.write(Data("resume-agent-load: running \(name)…\n".utf8))
            do {
                let result = try await ProfileRunner(plan: plan, options: options).run()
                FileHandle.standardOutput.write(Data((result.markdown + "\n").utf8))
                results.append(result)
            } catch {
                FileHandle.standardError.write(Data("resume-agent-load: \(name) could not run: \(error)\n".utf8))
                failedToRun.append(name)
            }
        }
        // The default work root is kept only while it holds something: a profile's data left for
        // a post-mortem (a failed verification, --keep). Empty, it was litter in /tmp.
        if workDirectory == nil, (try? FileManager.default.contentsOfDirectory(atPath: options.workRoot))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: options.workRoot)
        }
        let report = results.map(\.markdown).joined(separator: "\n")
        if let markdown { try report.write(toFile: markdown, atomically: true, encoding: .utf8) }
        if let json {
            let object: [String: Any] = [
                "profiles": results.map(\.json), "failed_to_run": failedToRun,
                "verifications_failed": results.map(\.verificationsFailed).reduce(0, +),
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            if json == "-" { FileHandle.standardOutput.write(data + Data("\n".utf8)) } else { try data.write(to: URL(fileURLWithPath: json)) }
        }
        let failed = results.map(\.verificationsFailed).reduce(0, +)
        for result in results {
            let line = "resume-agent-load: \(result.profile): \(result.verificationsFailed == 0 ? "all verifications passed" : "\(result.verificationsFailed) verification(s) FAILED")\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if !failedToRun.isEmpty { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }

    static func ownDirectory() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}

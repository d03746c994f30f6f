import Foundation
import NIOPosix

/// Runs one profile end to end: service up (or attached), idle memory, the load, the pool
/// back to size, the API verification, the service stopped, the SQLite audit, goals.
struct ProfileRunner: Sendable {
    struct Options: Sendable {
        var binDirectory: String
        var workRoot: String
        var fixturesDirectory: String
        var logLevel = "warning"
        var verify = true
        var eventLoopThreads = 1
        var keepWorkDirectory = false
        var raiseTenantLimits = true
        var attach: Attach?
    }

    struct Attach: Sendable {
        var port: Int
        var token: String
        var adminToken: String?
        var supervisorPid: Int32?
        var dataDirectory: String?
        var minIdleWorkers: Int
    }

    let plan: LoadPlan
    let options: Options

    func run() async throws -> ProfileResult {
        let fixtures = try Fixtures.load(from: options.fixturesDirectory)
        let work = options.workRoot + "/" + plan.name
        let loadBefore = ProcStat.loadAverage()
        let service: ServiceUnderTest
        if let attach = options.attach {
            try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            service = .attach(
                port: attach.port, token: attach.token, adminToken: attach.adminToken, supervisorPid: attach.supervisorPid, dataDirectory: attach.dataDirectory,
                minIdleWorkers: attach.minIdleWorkers, logDirectory: work)
        } else {
            var serviceOptions = ServiceUnderTest.Options(binDirectory: options.binDirectory, workDirectory: work)
            serviceOptions.workers = plan.workers
            serviceOptions.maxWorkers = plan.maxWorkers
            serviceOptions.logLevel = options.logLevel
            serviceOptions.runTimeoutSeconds = plan.runTimeoutSeconds
            serviceOptions.modelDefaults = plan.model
            serviceOptions.raiseTenantLimits = options.raiseTenantLimits
            service = try await ServiceUnderTest.start(serviceOptions)
            ChildRegistry.shared.add(service)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.eventLoopThreads)
        var result: ProfileResult
        do {
            result = try await measure(service: service, fixtures: fixtures, group: group)
        } catch {
            await stop(service)
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
        result.settings.insert(contentsOf: settings(service: service, loadBefore: loadBefore), at: 0)
        if result.verificationsFailed == 0, !options.keepWorkDirectory, options.attach == nil {
            try? FileManager.default.removeItem(atPath: work)
        } else {
            result.notes.append("Service logs and data kept in \(work).")
        }
        return result
    }

    private func measure(service: ServiceUnderTest, fixtures: Fixtures, group: MultiThreadedEventLoopGroup) async throws -> ProfileResult {
        let recorder = Recorder(), ledger = Ledger()
        let context = LoadContext(plan: plan, service: service, group: group, recorder: recorder, ledger: ledger, fixtures: fixtures)
        // Let start-up settle, then the idle service's memory.
        try await Task.sleep(for: .seconds(1))
        let idle = service.supervisorPid.map(ProcessSampler.idleMemory)

        var result: ProfileResult
        switch plan.kind {
        case .journeys: result = await JourneyLoad.run(context)
        case .peak: result = try await PeakLoad.run(context)
        case .events: result = try await EventsThroughput.run(context)
        case .interrupt, .approve: result = try await MicroLatency.run(context)
        }
        result.idle = idle
        let probe = context.client()
        defer { probe.shutdown() }
        let admin = context.adminClient()
        defer { admin.shutdown() }
        if let port = service.modelPort {
            let model = HTTPClient(group: group, port: port, token: nil)
            result.modelStats = try? await model.get("/stats").text
            model.shutdown()
        }

        // The pool back to size (after chaos, this is a verification).
        let alive = service.supervisorAlive
        let poolBack = alive ? await PoolProbe(client: admin).waitForPool(size: service.minIdleWorkers, timeout: .seconds(30)) : nil
        let poolLine = !alive ? "the service has exited"
            : poolBack.map { "\(service.minIdleWorkers) idle workers \(Format.number($0, 0)) ms after the load" }
            ?? "not back to \(service.minIdleWorkers) idle within 30 s (or /metrics unreadable)"
        if !alive { result.checks.append(.verify("the service is still running after the load", false, "the supervisor exited (see service.log)")) }
        result.checks.append(plan.chaos != nil ? .verify("the pool is back to size after the load", poolBack != nil, poolLine) : .info("pool after the load", poolLine))

        if options.verify {
            let verifier = APIVerifier(client: probe, ledger: ledger)
            result.checks += await verifier.verify().checks
        }
        result.checks += errorChecks(result.recorder)

        let stopped = await stop(service)
        if let stopped {
            let clean = stopped.clean && stopped.status.map { $0 & 0x7F == 0 && ($0 >> 8) & 0xFF == 0 } == true
            result.checks.append(.info("service stopped on SIGTERM", clean ? "exit 0" : "status \(stopped.status.map(String.init) ?? "?")\(stopped.clean ? "" : " after SIGKILL")"))
        }
        if options.verify, let data = service.dataDirectory {
            result.checks += StoreAudit.audit(dataDirectory: data, ledger: ledger.snapshot, serviceStopped: service.service != nil)
        }
        var goals = plan.goals
        if let idle {
            if plan.workers != nil || options.attach != nil {
                result.headline.append(("idle PSS, whole service (\(idle.workerRssKiB.count) workers)", Double(idle.servicePssKiB) / 1024, "MiB"))
            } else {
                // The issue's memory goal is for the default pool.
                result.headline.append(("idle PSS, whole service, default pool", Double(idle.servicePssKiB) / 1024, "MiB"))
                goals.append(Goal(figure: "idle PSS, whole service, default pool", comparison: .atMost, target: 100, unit: "MiB"))
            }
        }
        result.checks += goalChecks(goals, values: goalValues(result))
        return result
    }

    /// Errors: in chaos mode the client's retries are expected (the gateway restarts); what
    /// counts is what it finally gave up on. Without chaos, every error counts, and so does any
    /// run that did not complete.
    private func errorChecks(_ recorder: Recorder.State) -> [Check] {
        let final = recorder.errors.values.map(\.final).reduce(0, +)
        let retried = recorder.errors.values.map(\.retried).reduce(0, +)
        let chaos = plan.chaos != nil
        let casualties = ["worker_crashed", "gateway_restarted"]
        let badRuns = recorder.outcomes.filter { name, _ in
            guard name != "run_completed" else { return false }
            if plan.kind == .interrupt, name.hasPrefix("run_interrupted") { return false }
            if chaos, casualties.contains(where: { name.contains($0) }) { return false }
            return true
        }
        let badRunCount = badRuns.values.reduce(0, +)
        let errorLine = "\(final) final, \(retried) retried by the client"
        var checks: [Check] = [
            plan.chaos?.requestsMayFail == true
                ? .info("requests that failed for good during the storm", errorLine)
                : .verify(chaos ? "no request failed for good (retries through restarts allowed)" : "no errors", chaos ? final == 0 : final + retried == 0, errorLine),
            .verify(
                chaos ? "no run ended badly except by a chaos kill" : "every run ended as expected", badRunCount == 0,
                badRuns.isEmpty ? "none" : badRuns.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")),
        ]
        if chaos {
            let chaosFailed = recorder.outcomes.filter { name, _ in casualties.contains(where: { name.contains($0) }) }.values.reduce(0, +)
            checks.append(.info("runs failed by a chaos kill (informational)", "\(chaosFailed)"))
        }
        return checks
    }

    private func goalValues(_ result: ProfileResult) -> [String: Double] {
        var values: [String: Double] = [:]
        for (name, value, _) in result.headline { values[name] = value }
        for (name, samples) in result.recorder.figures {
            if let p50 = samples.percentile(50) { values[name + " p50"] = p50 }
            if let p95 = samples.percentile(95) { values[name + " p95"] = p95 }
        }
        return values
    }

    @discardableResult
    private func stop(_ service: ServiceUnderTest) async -> (status: Int32?, clean: Bool)? {
        let stopped = await service.stop()
        ChildRegistry.shared.remove(service)
        return stopped
    }

    private func settings(service: ServiceUnderTest, loadBefore: Double) -> [(String, String)] {
        var rows: [(String, String)] = []
        rows.append(("binaries", options.attach == nil ? options.binDirectory : "attached to 127.0.0.1:\(service.port)"))
        rows.append(("machine", "\(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(Format.number(loadBefore, 2)) before, \(Format.number(ProcStat.loadAverage(), 2)) after"))
        let pool = "--workers \(plan.workers.map(String.init) ?? "default (2)") --max-workers \(plan.maxWorkers.map(String.init) ?? "default (16)")"
        rows.append(("service", "\(pool); log level \(options.logLevel); provider openai → fake model"))
        if options.attach == nil {
            rows.append(("tenant", options.raiseTenantLimits
                ? "one tenant for every user, its own limits raised so they do not bind (global guardrails at their defaults)"
                : "one tenant for every user, at the default tenant limits"))
        }
        rows.append(("model", "TTFT \(plan.model.ttftMs ?? 0) ms, \(plan.model.tokensPerSecond.map { $0 == 0 ? "no delay between tokens" : "\(Format.number($0, 0)) tokens/s" } ?? "–"), \(plan.model.tokens ?? 0) tokens per answer"))
        switch plan.kind {
        case .journeys:
            rows.append(("load", "\(plan.users) users, ramp \(Format.number(plan.rampSeconds, 0)) s, \(Format.number(plan.durationSeconds, 0)) s, think \(plan.thinkMs.lowerBound)–\(plan.thinkMs.upperBound) ms, ≤\(plan.runSlots) runs at once, \(plan.messagesPerJourney) messages a journey"))
        case .peak:
            rows.append(("load", "\(plan.users) users back to back (no think time) for \(Format.number(plan.durationSeconds, 0)) s after a \(Format.number(plan.warmupSeconds, 0)) s warm-up"))
        case .events:
            rows.append(("load", "one run, then one run read by 10 subscribers"))
        case .interrupt, .approve:
            rows.append(("load", "\(plan.iterations) runs, one at a time"))
        }
        if let chaos = plan.chaos {
            var text = chaos.workerKillEvery.map { "SIGKILL a random worker every \($0.millisecondsDouble) ms" } ?? "no worker kills"
            if let window = chaos.workerKillWindow { text += " from \(window.start) s to \(window.end) s" }
            text += ", the gateway \(chaos.gatewayKills)×"
            rows.append(("chaos", text))
        }
        return rows
    }
}

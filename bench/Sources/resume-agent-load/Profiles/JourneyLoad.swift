import Foundation

/// Journeys profiles (smoke, target, chaos-short, storm): virtual users ramped in over the
/// ramp time, doing complete journeys until the window closes (runs capped at the plan's
/// slots), with the plan's chaos injected meanwhile.
enum JourneyLoad {
    static func run(_ context: LoadContext) async -> ProfileResult {
        let plan = context.plan
        var result = ProfileResult(profile: plan.name)
        let sampler = context.sampler()
        let slots = RunSlots(limit: plan.runSlots)
        let probe = context.adminClient()
        defer { probe.shutdown() }
        let chaos = plan.chaos.map { ChaosMonkey(plan: $0, service: context.service, ledger: context.ledger, probe: probe) }
        var storm: StormRecovery?

        // chatOnly: every user's session is prepared before the window (set-up, not measured).
        var prepared: [String] = []
        if plan.chatOnly {
            let setup = Recorder()
            let client = context.client()
            defer { client.shutdown() }
            for index in 0..<plan.users {
                if let session = try? await context.preparedSession(context.api(client, recorder: setup), index: index) { prepared.append(session) }
            }
            if prepared.count < plan.users { result.notes.append("Only \(prepared.count) of \(plan.users) sessions could be prepared.") }
        }
        let sessions = prepared

        sampler?.begin()
        let start = ContinuousClock.now
        let stopAt = start + .milliseconds(Int64(plan.durationSeconds * 1000))
        await withTaskGroup(of: String.self) { group in
            if let sampler {
                group.addTask {
                    await sampler.run()
                    return "sampler"
                }
            }
            if let chaos {
                group.addTask {
                    await chaos.run(seconds: plan.durationSeconds)
                    return "chaos"
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { users in
                    for index in 0..<(plan.chatOnly ? sessions.count : plan.users) {
                        users.addTask {
                            let offset = plan.users > 1 ? plan.rampSeconds * Double(index) / Double(plan.users) : 0
                            try? await Task.sleep(for: .milliseconds(Int64(offset * 1000)))
                            let client = context.client()
                            defer { client.shutdown() }
                            let api = context.api(client)
                            var runs = RunDriver(api: api, ledger: context.ledger, slots: slots)
                            runs.decisionPause = plan.decisionMs
                            var user = VirtualUser(
                                index: index, plan: plan, api: api, runs: runs, fixtures: context.fixtures, ledger: context.ledger, stopAt: stopAt)
                            user.preparedSession = plan.chatOnly ? sessions[index] : nil
                            await user.run()
                        }
                    }
                }
                return "users"
            }
            var pending: Set<String> = ["users"]
            if chaos != nil { pending.insert("chaos") }
            while let done = await group.next() {
                pending.remove(done)
                if done == "chaos", plan.chaos?.storm == true {
                    // The storm is over: how long until the pool is whole and /readyz says so.
                    storm = await StormRecovery.measure(probe: probe, poolSize: context.service.minIdleWorkers)
                }
                if pending.isEmpty { group.cancelAll() }
            }
        }
        if let usage = sampler?.end() { result.usage = usage }
        result.recorder = context.recorder.snapshot
        let completed = result.recorder.outcomes["run_completed"] ?? 0
        let seconds = result.usage?.seconds ?? ContinuousClock.now.milliseconds(since: start) / 1000
        result.runsForCpu = completed
        result.headline.append(("completed runs/s", Double(completed) / seconds, "runs/s"))
        result.headline.append(("runs completed", Double(completed), "runs"))
        if let usage = result.usage, completed > 0 {
            result.headline.append(("server CPU per run", usage.serviceCpuMs / Double(completed), "ms"))
        }
        if let chaos {
            let report = chaos.report
            result.chaos = report
            result.gatewayKillCensus = census(report, ledger: context.ledger)
            result.checks += chaosChecks(report, census: result.gatewayKillCensus, storm: storm, plan: plan)
        }
        return result
    }

    /// For each gateway kill: how the runs that were streaming at that moment ended.
    static func census(_ report: ChaosMonkey.Report, ledger: Ledger) -> [(kill: ChaosMonkey.GatewayKill, outcomes: [String: Int])] {
        let runs = ledger.snapshot.runs
        return report.gatewayKills.map { kill in
            var outcomes: [String: Int] = [:]
            for id in kill.runsInFlight {
                guard let entry = runs[id], let terminal = entry.terminal else {
                    outcomes["no terminal seen", default: 0] += 1
                    continue
                }
                outcomes[RunDriver.outcomeName(terminal, reason: entry.reason, code: entry.code), default: 0] += 1
            }
            return (kill, outcomes)
        }
    }

    static func chaosChecks(
        _ report: ChaosMonkey.Report, census: [(kill: ChaosMonkey.GatewayKill, outcomes: [String: Int])], storm: StormRecovery?, plan: LoadPlan
    ) -> [Check] {
        var checks: [Check] = [
            .verify("the supervisor never exited during the chaos", !report.supervisorExited, report.supervisorExited ? "it exited" : "up throughout"),
            .info("workers SIGKILLed", "\(report.workerKills)"),
        ]
        if !census.isEmpty {
            let inFlight = census.map(\.kill.runsInFlight.count).reduce(0, +)
            let completed = census.map { $0.outcomes["run_completed"] ?? 0 }.reduce(0, +)
            let healthy = census.compactMap(\.kill.backAfterMs)
            checks.append(.verify(
                "a new gateway answered after every gateway kill", healthy.count == census.count,
                "\(healthy.count)/\(census.count); healthy after " + healthy.map { Format.number($0, 0) + " ms" }.joined(separator: ", ")))
            let share = inFlight == 0 ? 100 : 100 * Double(completed) / Double(inFlight)
            checks.append(.info(
                "runs in flight at gateway kills", "\(inFlight) in flight over \(census.count) kills; \(completed) completed normally (\(Format.number(share, 0)) %)"))
            checks.append(contentsOf: goalChecks(plan.goals, values: ["runs in flight at gateway kills that completed normally": share]))
        }
        if let storm {
            checks.append(.verify(
                "after the storm the pool is back to size", storm.poolBackMs != nil,
                storm.poolBackMs.map { "\(Format.number($0, 0)) ms after the last kill" } ?? "not within 30 s"))
            checks.append(.info("/readyz after the storm", storm.readyDetail))
            var values: [String: Double] = [:]
            if let back = storm.poolBackMs { values["full capacity back after the storm (pool back to size)"] = back }
            values["/readyz answered 503 during the storm"] = Double(report.readiness[503] ?? 0)
            checks.append(contentsOf: goalChecks(plan.goals, values: values))
        }
        return checks
    }
}

/// How the service recovers once a storm of worker kills stops.
struct StormRecovery: Sendable {
    var poolBackMs: Double?
    var readyDetail: String

    static func measure(probe: HTTPClient, poolSize: Int) async -> StormRecovery {
        let start = ContinuousClock.now
        let pool = await PoolProbe(client: probe).waitForPool(size: poolSize, timeout: .seconds(30))
        var readyDetail = "never 200 within 30 s"
        while ContinuousClock.now - start < .seconds(30) {
            let status = (try? await probe.get("/readyz"))?.status ?? 0
            if status == 404 {
                readyDetail = "no /readyz route (404)"
                break
            }
            if status == 200 {
                readyDetail = "200 after \(Format.number(ContinuousClock.now.milliseconds(since: start), 0)) ms"
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return StormRecovery(poolBackMs: pool, readyDetail: readyDetail)
    }
}

/// Goal lines for the figures at hand (goals whose figure is not among `values` are skipped).
func goalChecks(_ goals: [Goal], values: [String: Double]) -> [Check] {
    goals.compactMap { goal in
        guard let value = values[goal.figure] else { return nil }
        let met = goal.comparison == .atMost ? value <= goal.target : value >= goal.target
        let sign = goal.comparison == .atMost ? "≤" : "≥"
        let off = goal.target == 0 ? "" : String(format: " (%+.0f %% of the goal)", 100 * (value - goal.target) / goal.target)
        return .goal(goal.figure, met, "\(Format.number(value, 2)) \(goal.unit), goal \(sign) \(Format.number(goal.target, 0)) \(goal.unit)" + (met ? "" : off))
    }
}

import Foundation

/// peak64: N users, each on a prepared session, sending messages back to back (no think time),
/// so N runs are always in flight. After a warm-up, the window measures completed runs/s,
/// POST→`run_started`, POST→first delta, and the server's CPU per run.
enum PeakLoad {
    static func run(_ context: LoadContext) async throws -> ProfileResult {
        let plan = context.plan
        var result = ProfileResult(profile: plan.name)
        let setup = Recorder()
        let clients = (0..<plan.users).map { _ in context.client() }
        defer { clients.forEach { $0.shutdown() } }
        // Sessions first (not measured), a few at a time.
        var sessions = [String](repeating: "", count: plan.users)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func addNext() {
                guard next < plan.users else { return }
                let index = next
                next += 1
                group.addTask { (index, try await context.preparedSession(context.api(clients[index], recorder: setup), index: index)) }
            }
            for _ in 0..<8 { addNext() }
            while let (index, session) = try await group.next() {
                sessions[index] = session
                addNext()
            }
        }

        let prepared = sessions
        let warmup = Recorder()
        let sampler = context.sampler()
        let start = ContinuousClock.now
        let measureFrom = start + .milliseconds(Int64(plan.warmupSeconds * 1000))
        let stopAt = measureFrom + .milliseconds(Int64(plan.durationSeconds * 1000))
        let message = RunDriver.Message(text: "Summarise my fit for this job.", directive: plan.model)
        let probe = context.adminClient()
        defer { probe.shutdown() }
        let chaos = plan.chaos.map { ChaosMonkey(plan: $0, service: context.service, ledger: context.ledger, probe: probe) }
        await withTaskGroup(of: String.self) { group in
            if let chaos {
                group.addTask {
                    try? await Task.sleep(until: measureFrom, clock: .continuous)
                    await chaos.run(seconds: plan.durationSeconds)
                    return "chaos"
                }
            }
            if let sampler {
                group.addTask {
                    try? await Task.sleep(until: measureFrom, clock: .continuous)
                    sampler.begin()
                    await sampler.run()
                    return "sampler"
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { users in
                    for index in 0..<plan.users {
                        users.addTask {
                            let measuring = RunDriver(api: context.api(clients[index]), ledger: context.ledger, slots: nil)
                            let warming = RunDriver(api: context.api(clients[index], recorder: warmup), ledger: context.ledger, slots: nil)
                            while ContinuousClock.now < stopAt {
                                let driver = ContinuousClock.now < measureFrom ? warming : measuring
                                do {
                                    _ = try await driver.send(prepared[index], message, modelTTFT: .milliseconds(plan.model.ttftMs ?? 0))
                                } catch {
                                    try? await Task.sleep(for: .milliseconds(100))  // recorded; do not spin
                                }
                            }
                        }
                    }
                }
                return "users"
            }
            var pending: Set<String> = chaos == nil ? ["users"] : ["users", "chaos"]
            while let done = await group.next() {
                pending.remove(done)
                if pending.isEmpty { group.cancelAll() }
            }
        }
        result.usage = sampler?.end()
        result.recorder = context.recorder.snapshot
        // Errors during the warm-up still count as errors.
        for (key, count) in warmup.snapshot.errors {
            result.recorder.errors[key, default: Recorder.ErrorCount()].retried += count.retried
            result.recorder.errors[key, default: Recorder.ErrorCount()].final += count.final
        }
        let completed = result.recorder.outcomes["run_completed"] ?? 0
        let seconds = result.usage?.seconds ?? stopAt.milliseconds(since: measureFrom) / 1000
        result.runsForCpu = completed
        result.headline.append(("completed runs/s", Double(completed) / seconds, "runs/s"))
        result.headline.append(("runs completed in the window", Double(completed), "runs"))
        if let usage = result.usage, completed > 0 {
            result.headline.append(("server CPU per run", usage.serviceCpuMs / Double(completed), "ms"))
            result.headline.append(("service RSS peak", Double(usage.serviceRssPeakKiB) / 1024, "MiB"))
            result.headline.append(("service PSS peak", Double(usage.servicePssPeakKiB) / 1024, "MiB"))
        }
        if let chaos {
            let report = chaos.report
            result.chaos = report
            result.gatewayKillCensus = JourneyLoad.census(report, ledger: context.ledger)
            result.checks += JourneyLoad.chaosChecks(report, census: result.gatewayKillCensus, storm: nil, plan: plan)
        }
        result.notes.append("Warm-up (\(Format.number(plan.warmupSeconds, 0)) s, \(warmup.snapshot.outcomes.values.reduce(0, +)) runs) and session set-up are not in the figures.")
        return result
    }
}

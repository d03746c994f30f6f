/// The named profiles (issue 13, "Load + chaos suite" and "Must show"). Goals quote the issue;
/// they are reported, never enforced.
enum Profiles {
    static let names = ["smoke", "target", "peak64", "events", "interrupt", "approve", "chaos-short", "storm"]

    static func named(_ name: String) -> LoadPlan? {
        switch name {
        case "smoke":
            // CI: every route of a complete journey, 10 users for 20 s, zero errors.
            var plan = LoadPlan(name: name, kind: .journeys)
            plan.users = 10
            plan.rampSeconds = 2
            plan.durationSeconds = 20
            plan.thinkMs = 200...800
            plan.model = ModelDirective(ttftMs: 30, tokensPerSecond: 400, tokens: 40)
            return plan
        case "target":
            // The design card's target concurrency: 500 sessions open, 64 runs at once, 2 minutes.
            var plan = LoadPlan(name: name, kind: .journeys)
            plan.users = 500
            plan.rampSeconds = 30
            plan.durationSeconds = 120
            plan.thinkMs = 2000...8000
            plan.decisionMs = 300...1500
            plan.runSlots = 64
            plan.model = ModelDirective(ttftMs: 200, tokensPerSecond: 100, tokens: 60)
            plan.workers = 16
            plan.maxWorkers = 80
            plan.goals = [
                Goal(figure: "POST → first delta − model TTFT (server overhead) p95", comparison: .atMost, target: 5, unit: "ms"),
            ]
            return plan
        case "peak64":
            // The side-by-side: 64 concurrent runs of a 50-token answer, no model delay.
            var plan = LoadPlan(name: name, kind: .peak)
            plan.users = 64
            plan.durationSeconds = 20
            plan.warmupSeconds = 3
            plan.model = ModelDirective(ttftMs: 0, tokensPerSecond: 0, tokens: 50)
            plan.workers = 16
            plan.maxWorkers = 80
            plan.goals = [
                Goal(figure: "completed runs/s", comparison: .atLeast, target: 240, unit: "runs/s"),
                Goal(figure: "POST /messages → first assistant_delta p50", comparison: .atMost, target: 25, unit: "ms"),
                Goal(figure: "POST /messages → first assistant_delta p95", comparison: .atMost, target: 50, unit: "ms"),
                Goal(figure: "POST /messages → run_started p50", comparison: .atMost, target: 10, unit: "ms"),
                Goal(figure: "server CPU per run", comparison: .atMost, target: 10, unit: "ms"),
                // The "RSS peak under 64 concurrent" (213.5 MiB) came from bench/run.sh's
                // whole-service PSS; RSS counts shared pages once per process and is reported too.
                Goal(figure: "service PSS peak", comparison: .atMost, target: 200, unit: "MiB"),
            ]
            return plan
        case "events":
            var plan = LoadPlan(name: name, kind: .events)
            plan.model = ModelDirective(ttftMs: 0, tokensPerSecond: 0, tokens: 2000)
            plan.goals = [
                Goal(figure: "events/s persisted (server timestamps), 1 subscriber", comparison: .atLeast, target: 25_000, unit: "events/s"),
                Goal(figure: "events/s delivered, 1 subscriber (POST → terminal event read)", comparison: .atLeast, target: 25_000, unit: "events/s"),
            ]
            return plan
        case "interrupt":
            var plan = LoadPlan(name: name, kind: .interrupt)
            plan.iterations = 20
            plan.goals = [Goal(figure: "interrupt → stream closed p50", comparison: .atMost, target: 5, unit: "ms")]
            return plan
        case "approve":
            var plan = LoadPlan(name: name, kind: .approve)
            plan.iterations = 20
            plan.goals = [Goal(figure: "approve → run finished (stream closed) p50", comparison: .atMost, target: 20, unit: "ms")]
            return plan
        case "chaos-short":
            // CI: the smoke journey under a worker kill every 500 ms and 3 gateway kills.
            var plan = named("smoke")!
            plan.name = name
            plan.durationSeconds = 30
            plan.thinkMs = 100...500
            plan.model = ModelDirective(ttftMs: 30, tokensPerSecond: 200, tokens: 40)
            plan.chaos = ChaosPlan()
            plan.goals = [
                Goal(figure: "runs in flight at gateway kills that completed normally", comparison: .atLeast, target: 100, unit: "%"),
            ]
            return plan
        case "storm":
            // A worker SIGKILLed every 30 ms for 60 s while runs stream (many die starting up).
            var plan = LoadPlan(name: name, kind: .journeys)
            plan.users = 16
            plan.rampSeconds = 2
            plan.durationSeconds = 60
            plan.thinkMs = 50...300
            plan.model = ModelDirective(ttftMs: 30, tokensPerSecond: 100, tokens: 50)
            plan.chatOnly = true
            plan.chaos = ChaosPlan(
                workerKillEvery: .milliseconds(30), gatewayKills: 0, workerKillWindow: nil, storm: true, probeReadiness: true, requestsMayFail: true)
            plan.goals = [
                Goal(figure: "full capacity back after the storm (pool back to size)", comparison: .atMost, target: 5000, unit: "ms"),
                Goal(figure: "/readyz answered 503 during the storm", comparison: .atLeast, target: 1, unit: "answers"),
            ]
            return plan
        default:
            return nil
        }
    }
}

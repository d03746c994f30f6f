import Foundation

/// Everything one profile measured and concluded, printed as Markdown tables and as JSON.
struct ProfileResult: Sendable {
    var profile: String
    var settings: [(String, String)] = []
    var recorder: Recorder.State = .init()
    /// Headline figures (name, value, unit), in order.
    var headline: [(String, Double, String)] = []
    var usage: ProcessSampler.Usage?
    var idle: IdleMemory?
    var runsForCpu = 0
    var chaos: ChaosMonkey.Report?
    var gatewayKillCensus: [(kill: ChaosMonkey.GatewayKill, outcomes: [String: Int])] = []
    var modelStats: String?
    var checks: [Check] = []
    var notes: [String] = []

    var verificationsFailed: Int { checks.filter { $0.kind == .verification && $0.passed != true }.count }

    func headlineValue(_ name: String) -> Double? { headline.first { $0.0 == name }?.1 }
}

extension ProfileResult {
    /// Markdown for a terminal or a README.
    var markdown: String {
        var out = "## Profile `\(profile)`\n\n"
        out += settings.map { "- \($0.0): \($0.1)" }.joined(separator: "\n") + "\n\n"
        if !headline.isEmpty {
            out += "| figure | value |\n|---|---|\n"
            for (name, value, unit) in headline { out += "| \(name) | \(Format.number(value, value < 10 ? 2 : 1)) \(unit) |\n" }
            out += "\n"
        }
        if !recorder.figures.isEmpty {
            out += "| measured (ms) | n | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n"
            for (name, samples) in recorder.figures.sorted(by: { $0.key < $1.key }) { out += row(name, samples) }
            out += "\n"
        }
        if !recorder.routes.isEmpty {
            out += "| route (ms) | n | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n"
            for (name, samples) in recorder.routes.sorted(by: { $0.key < $1.key }) { out += row(name, samples) }
            out += "\n"
        }
        if let usage { out += processTable(usage) }
        if !recorder.outcomes.isEmpty {
            out += "| run outcome | runs |\n|---|---|\n"
            for (name, count) in recorder.outcomes.sorted(by: { $0.value > $1.value }) { out += "| \(name) | \(count) |\n" }
            out += "\n"
        }
        if recorder.errors.isEmpty {
            out += "Errors: none.\n\n"
        } else {
            out += "| error: route | status | code | retried by the client | final |\n|---|---|---|---|---|\n"
            for (key, count) in recorder.errors.sorted(by: { ($0.value.final, $0.value.retried) > ($1.value.final, $1.value.retried) }) {
                out += "| \(key.route) | \(key.status == 0 ? "transport" : "\(key.status)") | \(key.code.isEmpty ? "–" : key.code) | \(count.retried) | \(count.final) |\n"
            }
            out += "\n"
        }
        if let chaos { out += chaosSection(chaos) }
        if !recorder.counters.isEmpty {
            out += recorder.counters.sorted(by: { $0.key < $1.key }).map { "- \($0.key): \($0.value)" }.joined(separator: "\n") + "\n\n"
        }
        if let modelStats { out += "Fake model served: `\(modelStats)`\n\n" }
        out += "Verdict:\n\n```\n" + checks.map { "\($0.label)  \($0.name): \($0.detail)" }.joined(separator: "\n") + "\n```\n"
        for note in notes { out += "\n> \(note)\n" }
        return out
    }

    private func row(_ name: String, _ samples: Samples) -> String {
        let p = { (q: Double) in Format.number(samples.percentile(q) ?? .nan, 1) }
        return "| \(name) | \(samples.count) | \(p(50)) | \(p(95)) | \(p(99)) | \(Format.number(samples.max ?? .nan, 1)) |\n"
    }

    private func processTable(_ usage: ProcessSampler.Usage) -> String {
        let runs = max(runsForCpu, 1)
        func perRun(_ ms: Double) -> String { runsForCpu > 0 ? Format.number(ms / Double(runs), 2) : "–" }
        var out = "| process | CPU ms in window | CPU ms per run | RSS idle MiB | RSS peak MiB |\n|---|---|---|---|---|\n"
        out += "| supervisor | \(Format.number(usage.supervisorCpuMs, 0)) | \(perRun(usage.supervisorCpuMs)) | \(idle.map { Format.mib($0.supervisorRssKiB) } ?? "–") | \(Format.mib(usage.supervisorRssPeakKiB)) |\n"
        out += "| gateway\(usage.gatewaysSeen > 1 ? " (\(usage.gatewaysSeen) generations)" : "") | \(Format.number(usage.gatewayCpuMs, 0)) | \(perRun(usage.gatewayCpuMs)) | \(idle.map { Format.mib($0.gatewayRssKiB) } ?? "–") | \(Format.mib(usage.gatewayRssPeakKiB)) |\n"
        let workerIdle = idle.map { $0.workerRssKiB.isEmpty ? "–" : Format.mib($0.workerRssKiB.reduce(0, +) / $0.workerRssKiB.count) + " each" } ?? "–"
        out += "| workers (\(usage.workersSeen) seen, ≤\(usage.workersAlivePeak) at once) | \(Format.number(usage.workerCpuMs, 0)) | \(perRun(usage.workerCpuMs)) | \(workerIdle) | \(Format.number((usage.workerRssPeaks.percentile(50) ?? 0) / 1024, 1)) p50 each, \(Format.number((usage.workerRssPeaks.max ?? 0) / 1024, 1)) max |\n"
        out += "| **whole service** | \(Format.number(usage.serviceCpuMs, 0)) | \(perRun(usage.serviceCpuMs)) | \(idle.map { Format.mib($0.serviceRssKiB) } ?? "–") (PSS \(idle.map { Format.mib($0.servicePssKiB) } ?? "–")) | \(Format.mib(usage.serviceRssPeakKiB)) (PSS \(Format.mib(usage.servicePssPeakKiB))) |\n"
        out += "| fake model (not the server) | \(Format.number(usage.fakeModelCpuMs, 0)) | \(perRun(usage.fakeModelCpuMs)) | – | \(Format.mib(usage.fakeModelRssPeakKiB)) |\n"
        out += "| load driver (not the server) | \(Format.number(usage.driverCpuMs, 0)) | \(perRun(usage.driverCpuMs)) | – | – |\n"
        out += "| other processes on the machine | \(Format.number(usage.otherProcessesCpuMs, 0)) | – | – | – |\n\n"
        out += "Other processes used \(Format.number(usage.otherProcessesCpuMs / 1000 / max(usage.seconds, 0.001), 2)) cores on average during the window "
            + "(the machine has \(ProcessInfo.processInfo.activeProcessorCount)); figures are only as quiet as the machine was.\n\n"
        out += "CPU per run divides by \(runsForCpu) runs (window \(Format.number(usage.seconds, 1)) s).\n\n"
        return out
    }

    private func chaosSection(_ chaos: ChaosMonkey.Report) -> String {
        var out = "Chaos: \(chaos.workerKills) workers SIGKILLed"
        if chaos.workerKillAttemptsWithNoWorker > 0 { out += " (\(chaos.workerKillAttemptsWithNoWorker) ticks found no worker to kill)" }
        out += ", \(chaos.gatewayKills.count) gateway kills; supervisor \(chaos.supervisorExited ? "EXITED" : "stayed up").\n\n"
        if !chaos.readiness.isEmpty {
            out += "/readyz during the worker kills: " + chaos.readiness.sorted(by: { $0.key < $1.key }).map { "\($0.key == 0 ? "no answer" : "\($0.key)") ×\($0.value)" }.joined(separator: ", ") + "\n\n"
        }
        if !gatewayKillCensus.isEmpty {
            out += "| gateway kill | at s | new gateway healthy after ms | runs in flight | their outcomes |\n|---|---|---|---|---|\n"
            for (index, entry) in gatewayKillCensus.enumerated() {
                let outcomes = entry.outcomes.sorted(by: { $0.value > $1.value }).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
                out += "| \(index + 1) | \(Format.number(entry.kill.atSeconds, 1)) | \(entry.kill.backAfterMs.map { Format.number($0, 0) } ?? "never") | \(entry.kill.runsInFlight.count) | \(outcomes.isEmpty ? "–" : outcomes) |\n"
            }
            out += "\n"
        }
        return out
    }
}

extension ProfileResult {
    var json: [String: Any] {
        var object: [String: Any] = ["profile": profile]
        object["settings"] = Dictionary(settings.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        object["headline"] = headline.map { ["name": $0.0, "value": $0.1.isFinite ? $0.1 : NSNull(), "unit": $0.2] as [String: Any] }
        object["figures_ms"] = recorder.figures.mapValues(\.json)
        object["routes_ms"] = recorder.routes.mapValues(\.json)
        object["run_outcomes"] = recorder.outcomes
        object["counters"] = recorder.counters
        object["errors"] = recorder.errors.map { key, count in
            ["route": key.route, "status": key.status, "code": key.code, "retried": count.retried, "final": count.final] as [String: Any]
        }
        if let usage {
            object["processes"] = [
                "window_s": usage.seconds, "runs": runsForCpu,
                "cpu_ms": ["supervisor": usage.supervisorCpuMs, "gateway": usage.gatewayCpuMs, "workers": usage.workerCpuMs,
                           "service": usage.serviceCpuMs, "fake_model": usage.fakeModelCpuMs, "driver": usage.driverCpuMs,
                           "other_processes": usage.otherProcessesCpuMs],
                "rss_peak_kib": ["supervisor": usage.supervisorRssPeakKiB, "gateway": usage.gatewayRssPeakKiB,
                                 "worker_p50": usage.workerRssPeaks.percentile(50) ?? 0, "worker_max": usage.workerRssPeaks.max ?? 0,
                                 "service": usage.serviceRssPeakKiB, "fake_model": usage.fakeModelRssPeakKiB],
                "service_pss_peak_kib": usage.servicePssPeakKiB,
                "workers_seen": usage.workersSeen, "workers_alive_peak": usage.workersAlivePeak, "gateways_seen": usage.gatewaysSeen,
            ] as [String: Any]
        }
        if let idle {
            object["idle"] = ["supervisor_rss_kib": idle.supervisorRssKiB, "gateway_rss_kib": idle.gatewayRssKiB, "worker_rss_kib": idle.workerRssKiB,
                              "service_rss_kib": idle.serviceRssKiB, "service_pss_kib": idle.servicePssKiB] as [String: Any]
        }
        if let chaos {
            object["chaos"] = [
                "worker_kills": chaos.workerKills, "supervisor_exited": chaos.supervisorExited,
                "readyz": Dictionary(chaos.readiness.map { ("\($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a }),
                "gateway_kills": gatewayKillCensus.map { entry in
                    ["at_s": entry.kill.atSeconds, "healthy_after_ms": entry.kill.backAfterMs ?? NSNull(),
                     "runs_in_flight": entry.kill.runsInFlight.count, "outcomes": entry.outcomes] as [String: Any]
                },
            ] as [String: Any]
        }
        object["checks"] = checks.map(\.json)
        object["verifications_failed"] = verificationsFailed
        object["notes"] = notes
        return object
    }
}

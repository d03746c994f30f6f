import CoreMetrics
import Foundation
import IPC

/// The runs' metrics (Prometheus in the gateway process; no-ops in tests): outcomes by reason,
/// time to the first output, tokens and cost by provider and model, time waiting for a person.
/// Labels are bounded: outcomes, reasons, providers, models — never an id.
enum RunMetrics {
    static func ended(_ type: EventType, reason: String?) {
        Counter(label: "resume_agent_runs_total", dimensions: [("outcome", type.rawValue), ("reason", reason ?? "none")]).increment()
    }

    static func firstOutput(after duration: Duration) {
        Timer(label: "resume_agent_run_first_output_seconds").recordNanoseconds(nanoseconds(duration))
    }

    static func approvalWait(_ duration: Duration) {
        Timer(label: "resume_agent_approval_wait_seconds").recordNanoseconds(nanoseconds(duration))
    }

    /// Tenants are the operator's own few names (`resume-agent tenant create`), so they bound.
    static func usage(provider: String, model: String, tenant: String, input: Int, output: Int, costUsd: Double) {
        let dimensions = [("provider", provider), ("model", model), ("tenant", tenant)]
        Counter(label: "resume_agent_tokens_total", dimensions: dimensions + [("direction", "input")]).increment(by: Int64(input))
        Counter(label: "resume_agent_tokens_total", dimensions: dimensions + [("direction", "output")]).increment(by: Int64(output))
        FloatingPointCounter(label: "resume_agent_cost_usd_total", dimensions: dimensions).increment(by: costUsd)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

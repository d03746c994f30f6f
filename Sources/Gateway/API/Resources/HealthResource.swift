import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// Liveness, readiness, metrics and the API's own description.
struct HealthResource: Sendable {
    let pool: WorkerPool
    let store: Store
    let runs: RunManager
    let log: EventLog
    let metrics: GatewayMetrics
    let link: SupervisorLinkState
    /// The OpenAPI document, rendered once from the whole route table.
    let openAPI: @Sendable () -> String

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/healthz",
                summary: "Liveness: the store answers and the supervisor link is up (does not depend on free workers)", access: .open,
                status: .ok, output: .json(.ref("Health"))
            ) { _, _, _ in
                guard await store.ping() else {
                    throw APIError(.serviceUnavailable, "unavailable", "The store is unreachable.", retryAfterSeconds: 5)
                }
                guard link.isUp else {
                    throw APIError(.serviceUnavailable, "unavailable", "The supervisor link is down.", retryAfterSeconds: 5)
                }
                return JSONBody.response(["status": "ok"])
            },
            APIRoute(
                method: .get, path: "/readyz", summary: "Readiness: new work can start now (503 with Retry-After when not)", access: .open,
                status: .ok, output: .json(.ref("Readiness"))
            ) { _, _, _ in
                let status = await pool.status
                let draining = await runs.isDraining
                let queueFull = await !pool.canAdmit
                let connected = status.idlePids.count + status.busyPids.count
                var reasons: [JSONValue] = []
                if draining { reasons.append("draining") }
                if queueFull { reasons.append("queue_full") }
                if connected == 0 { reasons.append("no_workers") }
                if log.isFailing { reasons.append("event_log_failing") }
                let agent = await pool.counts(of: .agent), document = await pool.counts(of: .document)
                let body: JSONValue = [
                    "status": reasons.isEmpty ? "ready" : "unavailable", "reasons": .array(reasons),
                    "workers": [
                        "idle": .number(Double(status.idlePids.count)), "busy": .number(Double(status.busyPids.count)),
                        "agent": ["idle": .number(Double(agent.idle)), "busy": .number(Double(agent.busy))],
                        "document": ["idle": .number(Double(document.idle)), "busy": .number(Double(document.busy))],
                    ],
                    "queue": ["depth": .number(Double(await pool.queuedRuns))], "active_runs": .number(Double(status.activeRuns)),
                    "sandbox": Self.sandboxDetails(await pool.weakestSandbox),
                ]
                guard reasons.isEmpty else {
                    throw APIError(.serviceUnavailable, "overloaded", "The service cannot take new work right now.", details: body, retryAfterSeconds: 2)
                }
                return JSONBody.response(body)
            },
            APIRoute(
                method: .get, path: "/metrics", summary: "Prometheus metrics (an administrator's token; `serve --metrics-listen` serves them without one)",
                access: .admin, status: .ok, output: .text(contentType: "text/plain")
            ) { _, _, _ in
                Self.metricsResponse(metrics)
            },
            APIRoute(
                method: .get, path: "/api/v1/openapi.json", summary: "This document", access: .open, status: .ok, output: .json(.any)
            ) { _, _, _ in
                Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: openAPI())))
            },
        ]
    }

    /// The weakest confinement among connected workers, so an operator sees a kernel without
    /// Landlock (workers then run with seccomp and no capabilities, but unconfined file access).
    static func sandboxDetails(_ report: SandboxReport?) -> JSONValue {
        guard let report else { return .null }
        var details: [String: JSONValue] = [
            "landlock_abi": .number(Double(report.landlockABI)), "file_confinement": .bool(report.landlockABI > 0),
            "seccomp": .bool(report.seccomp), "no_new_privileges": .bool(report.noNewPrivileges),
            "capabilities_dropped": .bool(report.capabilitiesDropped),
        ]
        if report.landlockABI == 0 {
            details["note"] = "This kernel has no Landlock: worker file access is not confined (seccomp and dropped capabilities still apply)."
        }
        return .object(details)
    }

    static func metricsResponse(_ metrics: GatewayMetrics) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
    }
}

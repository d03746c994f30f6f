import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// Health, metrics and the API's own description: no token.
struct HealthResource: Sendable {
    let pool: WorkerPool
    let store: Store
    let metrics: GatewayMetrics
    /// The OpenAPI document, rendered once from the whole route table.
    let openAPI: @Sendable () -> String

    var routes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/healthz", summary: "Health: the store is reachable and workers can take work", access: .open,
                status: .ok, output: .json(.ref("Health"))
            ) { _, _, _ in
                let capacity = await pool.hasCapacity
                let storeOK = await store.ping()
                guard storeOK, capacity else {
                    throw APIError(.serviceUnavailable, "unavailable", storeOK ? "No worker capacity." : "The store is unreachable.", retryAfterSeconds: 1)
                }
                return JSONBody.response(["status": "ok"])
            },
            APIRoute(
                method: .get, path: "/metrics", summary: "Prometheus metrics", access: .open, status: .ok,
                output: .text(contentType: "text/plain")
            ) { _, _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
            },
            APIRoute(
                method: .get, path: "/api/v1/openapi.json", summary: "This document", access: .open, status: .ok, output: .json(.any)
            ) { _, _, _ in
                Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: openAPI())))
            },
        ]
    }
}

import Foundation
import Hummingbird
import IPC
import Logging
import NIOCore
import ServiceLifecycle

/// Everything the gateway process runs, wired in one place that tests also call.
public struct GatewayServices: Sendable {
    public let pool: WorkerPool
    public let metrics: GatewayMetrics
    public let readiness: Readiness
    public let application: any Service
    public let workerListener: WorkerListener
}

/// Builds the HTTP router: health, metrics (the public API is added by its own module).
public func buildRouter(pool: WorkerPool, metrics: GatewayMetrics) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/healthz") { _, _ -> Response in
        let healthy = await pool.hasCapacity
        let body = healthy ? #"{"status":"ok"}"# : #"{"status":"unavailable","reason":"no worker capacity"}"#
        return Response(
            status: healthy ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
    router.get("/metrics") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.render()))
        )
    }
    return router
}

/// Builds the gateway's services for `options`.
public func buildGateway(options: GatewayOptions, logger: Logger, metrics: GatewayMetrics = GatewayMetrics()) -> GatewayServices {
    let pool = WorkerPool(maxQueue: options.maxQueuedRuns, logger: logger)
    let readiness = Readiness()
    let router = buildRouter(pool: pool, metrics: metrics)
    let host = options.host
    let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
        let port = channel.localAddress?.port ?? 0
        logger.info("gateway listening", metadata: ["host": "\(host)", "port": "\(port)"])
        await readiness.httpListening(host: host, port: port)
    }
    let app: any Service
    if let fd = options.listenFD {
        app = InheritedSocketServer(fd: fd, responder: router.buildResponder(), logger: logger, onServerRunning: onServerRunning)
    } else {
        app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "resume-agent"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
    let socketPath = options.workerSocketPath
    let listener = WorkerListener(socketPath: socketPath, pool: pool, logger: logger) {
        await readiness.workerSocketBound(socketPath)
    }
    return GatewayServices(pool: pool, metrics: metrics, readiness: readiness, application: app, workerListener: listener)
}

import Foundation
import Hummingbird
import IPC
import Logging
import NIOCore
import ServiceLifecycle
import Store

/// Everything the gateway process runs, wired in one place that tests also call.
public struct GatewayServices: @unchecked Sendable {  // Router is built once, then only read
    public let pool: WorkerPool
    public let metrics: GatewayMetrics
    public let readiness: Readiness
    public let store: Store
    public let runs: RunManager
    public let application: any Service
    public let workerListener: WorkerListener
    public let router: Router<APIContext>
}

/// Gateway configuration beyond the command line (limits, provider pricing, fetch allow-list).
public struct GatewaySettings: Sendable {
    public var limits: RunLimits
    public var pricing: ProviderPricing
    public var fetchAllowList: [String]
    public var publicDirectory: String?

    public init(environment: [String: String]) {
        limits = RunLimits.fromEnvironment(environment)
        pricing = ProviderPricing(environment: environment)
        fetchAllowList = (environment["RESUME_AGENT_FETCH_ALLOWLIST"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        publicDirectory = environment["RESUME_AGENT_PUBLIC_DIR"] ?? Self.bundledPublicDirectory()
    }
}

extension GatewaySettings {
    /// The web UI SwiftPM copied next to the executable (`resume-agent_Gateway.resources`).
    /// Looked up by hand: `Bundle.module` stops the process when the bundle is missing, and a
    /// server without its UI should still serve its API.
    static func bundledPublicDirectory() -> String? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let directory = ((executable as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("resume-agent_Gateway.resources/Public")
        return FileManager.default.fileExists(atPath: directory) ? directory : nil
    }
}

/// Builds the HTTP router: health, metrics, the public API and the web UI.
func buildRouter(
    pool: WorkerPool, store: Store, metrics: GatewayMetrics, service: SessionService, authenticator: TokenAuthenticator,
    publicDirectory: String?
) -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    router.add(middleware: MetricsMiddleware())
    if let publicDirectory {
        router.add(middleware: FileMiddleware(publicDirectory, searchForIndexHtml: true))
    }
    router.get("/healthz") { _, _ -> Response in
        let capacity = await pool.hasCapacity
        let storeOK = await store.ping()
        let healthy = capacity && storeOK
        let reason = !storeOK ? "store unreachable" : "no worker capacity"
        let body = healthy ? #"{"status":"ok"}"# : #"{"status":"unavailable","reason":"\#(reason)"}"#
        return Response(
            status: healthy ? .ok : .serviceUnavailable,
            headers: healthy ? [.contentType: "application/json", .cacheControl: "no-store"]
                : [.contentType: "application/json", .cacheControl: "no-store", .retryAfter: "1"],
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
    APIRoutes.register(on: router, service: service, authenticator: authenticator)
    return router
}

/// Builds the gateway's services for `options`.
public func buildGateway(
    options: GatewayOptions, settings: GatewaySettings, store: Store, logger: Logger, metrics: GatewayMetrics = GatewayMetrics()
) -> GatewayServices {
    let pool = WorkerPool(maxQueue: options.maxQueuedRuns, logger: logger)
    let readiness = Readiness()
    let workspace = Workspace(dataDirectory: options.dataDirectory, store: store, maxFileBytes: max(settings.limits.maxUploadBytes, 20 * 1024 * 1024))
    let runs = RunManager(
        store: store, pool: pool, workspace: workspace, limits: settings.limits, pricing: settings.pricing,
        drainDeadline: .milliseconds(Int64(max(0, options.drainSeconds - 1) * 1000)), logger: logger
    )
    let service = SessionService(
        store: store, workspace: workspace, runs: runs, jobs: JobRunner(pool: pool, timeout: settings.limits.jobTimeout, logger: logger),
        pool: pool, limits: settings.limits, dataDirectory: options.dataDirectory, fetchAllowList: settings.fetchAllowList, logger: logger
    )
    let router = buildRouter(
        pool: pool, store: store, metrics: metrics, service: service, authenticator: TokenAuthenticator(store: store),
        publicDirectory: settings.publicDirectory
    )
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
    return GatewayServices(
        pool: pool, metrics: metrics, readiness: readiness, store: store, runs: runs, application: app,
        workerListener: listener, router: router
    )
}

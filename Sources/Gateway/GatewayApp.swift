import Foundation
import Hummingbird
import HummingbirdCore
import IPC
import Logging
import NIOCore
import ServiceLifecycle
import ServiceSupport
import Store
import Synchronization

/// Everything the gateway process runs, wired in one place that tests also call.
public struct GatewayServices: @unchecked Sendable {  // Router is built once, then only read
    public let pool: WorkerPool
    public let metrics: GatewayMetrics
    public let readiness: Readiness
    public let store: Store
    public let log: EventLog
    public let runs: RunManager
    public let application: any Service
    public let workerListener: WorkerListener
    public let router: Router<APIContext>
    public let link: SupervisorLinkState
    /// Document jobs agent runs ask for (a service: it owns their tasks).
    public let documentJobs: DocumentJobBroker
    /// Provider settings and keys for agent runs.
    public let providers: ProviderSetupSource
    /// Background upkeep: token activity, retention, the metrics-only listener.
    public let maintenance: [any Service]
    /// The API's routes (the OpenAPI document is generated from them).
    let routes: RouteTable
}

/// Every route of the API, from its resources.
func apiRoutes(_ api: APIServices, health: HealthResource) -> RouteTable {
    RouteTable(routes: health.routes
        + WorkflowResource().routes
        + SessionsResource(api: api).routes
        + ResumeResource(api: api).routes
        + ResumeReviewResource(api: api).routes
        + JobDescriptionResource(api: api).routes
        + RunsResource(api: api).routes
        + ApprovalsResource(api: api).routes
        + AuditResource(api: api).routes
        + FilesResource(api: api).routes
        + VersionsResource(api: api).routes
        + ExportResource(api: api).routes
        + AdminResource(api: api).routes)
}

/// Builds the HTTP router: the guards every request passes, the web UI, the API's routes.
func buildRouter(
    api: APIServices, metrics: GatewayMetrics, authenticator: TokenAuthenticator, link: SupervisorLinkState, allowedHosts: [String],
    publicDirectory: String?
) -> (Router<APIContext>, RouteTable) {
    let router = Router(context: APIContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorBodyMiddleware())
    router.add(middleware: HostCheckMiddleware(allowed: Set(allowedHosts.map { $0.lowercased() })))
    router.add(middleware: MetricsMiddleware())
    if let publicDirectory {
        router.add(middleware: FileMiddleware(publicDirectory, searchForIndexHtml: true))
    }
    let document = Mutex<String?>(nil)
    let table = Mutex<RouteTable?>(nil)
    let health = HealthResource(pool: api.pool, store: api.store, runs: api.runs, log: api.log, metrics: metrics, link: link) {
        document.withLock { cached in
            if let cached { return cached }
            let rendered = OpenAPIDocument.json(table.withLock { $0?.routes ?? [] })
            cached = rendered
            return rendered
        }
    }
    let routes = apiRoutes(api, health: health)
    table.withLock { $0 = routes }
    let tenants = api.tenants
    let auth = AuthMiddleware(authenticator: authenticator, limiter: RateLimiter(clock: api.clock)) { tenant in
        (try? await tenants.limits(of: tenant)) ?? tenants.defaults
    }
    routes.register(on: router, environment: RouteTable.Environment(
        auth: auth, uploads: api.uploads, uploadsInFlight: api.uploadsInFlight,
        maxConcurrentUploads: api.guardrails.maxConcurrentUploads, session: { tenant, id in try await api.session(tenant: tenant, id: id) },
        checkStorage: { tenant, bytes in try await tenants.checkStorage(tenantId: tenant, adding: bytes) }))
    return (router, routes)
}

/// Builds the gateway's services for `options`.
public func buildGateway(
    options: GatewayOptions, settings: GatewaySettings, store: Store, logger: Logger, metrics: GatewayMetrics = GatewayMetrics(),
    clock: AnyClock = .continuous(), environment: [String: String] = ProcessInfo.processInfo.environment, orphans: [RunRecord] = []
) -> GatewayServices {
    var guardrails = settings.guardrails
    guardrails.defaultAllowedHosts(listeningOn: options.host)
    // Under a supervisor the keys come over the control link, never from our environment.
    let providers = ProviderSetupSource(environment: environment, keysFromSupervisor: options.controlFD != nil)
    let pool = WorkerPool(maxQueue: options.maxQueuedRuns, providers: providers, logger: logger)
    let readiness = Readiness()
    let link = SupervisorLinkState(expected: options.controlFD != nil)
    let log = EventLog(store: store, clock: clock, logger: logger)
    let workspace = Workspace(dataDirectory: options.dataDirectory, store: store, maxFileBytes: max(settings.limits.maxUploadBytes, 20 * 1024 * 1024))
    let tenants = TenantGuard(store: store, defaults: guardrails.tenantDefaults)
    let runs = RunManager(
        store: store, log: log, pool: pool, workspace: workspace, limits: settings.limits, pricing: settings.pricing, tenants: tenants,
        drainDeadline: .milliseconds(Int64(max(0, options.drainSeconds - 1) * 1000)), clock: clock, logger: logger, orphans: orphans
    )
    let staging = (options.dataDirectory as NSString).appendingPathComponent("tmp")
    try? FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let retention = Retention(
        store: store, dataDirectory: options.dataDirectory, sessionDays: guardrails.retention.sessionDays, exportDays: guardrails.retention.exportDays)
    let jobs = JobRunner(pool: pool, timeout: settings.limits.jobTimeout, clock: clock, logger: logger)
    let documentJobs = DocumentJobBroker(jobs: jobs, logger: logger)
    pool.use(documentJobs: documentJobs)
    let api = APIServices(
        store: store, workspace: workspace, runs: runs, jobs: jobs,
        pool: pool, log: log, limits: settings.limits, pricing: settings.pricing,
        uploads: UploadLimits(maxFileBytes: settings.limits.maxUploadBytes, stagingDirectory: staging),
        fetchAllowList: settings.fetchAllowList, tenants: tenants, guardrails: guardrails, retention: retention, clock: clock, logger: logger
    )
    let authenticator = TokenAuthenticator(store: store)
    let (router, routes) = buildRouter(
        api: api, metrics: metrics, authenticator: authenticator, link: link, allowedHosts: guardrails.allowedHosts,
        publicDirectory: settings.publicDirectory)
    let host = options.host
    let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
        let port = channel.localAddress?.port ?? 0
        logger.info("gateway listening", metadata: ["host": "\(host)", "port": "\(port)"])
        await readiness.httpListening(host: host, port: port)
    }
    let http = HTTPLimits(guardrails)
    let app: any Service
    if let fd = options.listenFD {
        app = InheritedSocketServer(fd: fd, responder: router.buildResponder(), configuration: http.channelConfiguration, logger: logger, onServerRunning: onServerRunning)
    } else {
        app = Application(
            router: router,
            server: .http1(configuration: http.channelConfiguration),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "resume-agent"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
    let socketPath = options.workerSocketPath
    let listener = WorkerListener(socketPath: socketPath, pool: pool, runs: runs, logger: logger) {
        await readiness.workerSocketBound(socketPath)
    }
    var maintenance: [any Service] = [
        TokenActivityService(authenticator: authenticator, interval: .seconds(30), clock: clock),
        RetentionService(
            retention: retention, interval: .milliseconds(Int64(guardrails.retention.intervalSeconds * 1000)), clock: clock, metrics: metrics, logger: logger),
    ]
    if let address = options.metricsListen {
        maintenance.append(MetricsListener.application(address: address, metrics: metrics, logger: logger))
    }
    return GatewayServices(
        pool: pool, metrics: metrics, readiness: readiness, store: store, log: log, runs: runs, application: app,
        workerListener: listener, router: router, link: link, documentJobs: documentJobs, providers: providers, maintenance: maintenance,
        routes: routes
    )
}

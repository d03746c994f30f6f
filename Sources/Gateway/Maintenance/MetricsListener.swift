import Hummingbird
import Logging
import ServiceLifecycle

/// `serve --metrics-listen HOST:PORT`: a second listener serving only `/metrics`, without a
/// token, for a Prometheus on the same host or network (bind it to loopback or a private
/// interface: it has no authentication by design).
enum MetricsListener {
    static func application(address: (host: String, port: Int), metrics: GatewayMetrics, logger: Logger) -> any Service {
        let router = Router()
        router.get("/metrics") { _, _ in HealthResource.metricsResponse(metrics) }
        return Application(
            router: router, configuration: .init(address: .hostname(address.host, port: address.port), serverName: "resume-agent-metrics"),
            onServerRunning: { channel in
                logger.info("metrics listener up", metadata: ["host": "\(address.host)", "port": "\(channel.localAddress?.port ?? 0)"])
            },
            logger: logger)
    }
}

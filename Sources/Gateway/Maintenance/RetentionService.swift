import Logging
import ServiceLifecycle
import ServiceSupport
import Store

/// Runs retention (``Retention``) at start and then every interval: idle sessions and old
/// exports go, with what interrupted writes and uploads left behind. Logged and counted.
struct RetentionService: Service {
    let retention: Retention
    let interval: Duration
    let clock: AnyClock
    let metrics: GatewayMetrics
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try? await clock.sleep(for: interval)
            }
        }
    }

    func sweep() async {
        do {
            let report = try await retention.sweep()
            metrics.cleaned(report)
            guard report.sessionsDeleted.count + report.exportsDeleted + report.orphanDirectoriesRemoved + report.stagedFilesRemoved > 0 else { return }
            logger.info("retention cleanup", metadata: [
                "sessions": "\(report.sessionsDeleted.count)", "exports": "\(report.exportsDeleted)",
                "orphans": "\(report.orphanDirectoriesRemoved)", "staged": "\(report.stagedFilesRemoved)", "bytes": "\(report.bytesFreed)",
            ])
        } catch {
            logger.error("retention cleanup failed", metadata: ["error": "\(error)"])
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The real `resume-agent serve` with its real gateway and workers, driven from outside like
/// systemd and an operator would.
@Suite("Supervisor end to end", .serialized, .timeLimit(.minutes(2)))
struct SupervisorEndToEndTests {
    @Test func sendsReadyThenStatusToNotifySocket() async throws {
        let service = try ServiceProcess(label: "ready")
        defer { service.terminate() }
        let notify = try #require(service.notify)
        let ready = try await notify.wait(for: "READY=1", timeout: .seconds(20)) { $0 == "READY=1" }
        try await notify.wait(for: "STATUS= after READY", from: ready, timeout: .seconds(5)) { $0.hasPrefix("STATUS=") }
        let port = try await service.waitUntilReady()
        // READY means the gateway answers and the pool is warm.
        let health = try #require(HTTP.get(port: port, path: "/healthz"))
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        #expect(service.children("worker").count == 2)
        #expect(service.children("gateway").count == 1)
        let status = notify.messages.last { $0.text.hasPrefix("STATUS=") }?.text ?? ""
        #expect(status.contains("2 idle"))
    }

    @Test func killedWorkerIsReplacedWithinTwoSeconds() async throws {
        let service = try ServiceProcess(label: "wkill")
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        let victim = try #require(service.children("worker").first)
        kill(victim.pid, SIGKILL)
        try await eventually("pool back to 2 idle workers", timeout: .seconds(2)) {
            let workers = service.children("worker").map(\.pid)
            guard !workers.contains(victim.pid), workers.count >= 2 else { return false }
            let metrics = HTTP.get(port: port, path: "/metrics", token: service.token)?.body ?? ""
            return metrics.contains(#"resume_agent_workers{state="idle"} 2"#)
        }
        // Supervisor counters reach /metrics with the next health probe.
        try await eventually("worker restart counted in /metrics", timeout: .seconds(3)) {
            HTTP.get(port: port, path: "/metrics", token: service.token)?.body.contains(#"resume_agent_restarts_total{child="worker"} 1"#) == true
        }
        #expect(service.log.contains { $0.contains("worker crashed") && $0.contains("exit.signal=9") })
    }

    @Test func killedGatewayIsRestartedWithinThreeSecondsUnderTheSameSupervisor() async throws {
        let service = try ServiceProcess(label: "gkill")
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        let gateway = try #require(service.children("gateway").first)
        kill(gateway.pid, SIGKILL)
        try await eventually("a new gateway answering /healthz", timeout: .seconds(3)) {
            guard let fresh = service.children("gateway").first, fresh.pid != gateway.pid else { return false }
            return HTTP.get(port: port, path: "/healthz")?.status == 200
        }
        #expect(service.pollExit() == nil)
        #expect(service.children("gateway").allSatisfy { $0.parent == service.pid })
        #expect(service.log.contains { $0.contains("gateway crashed") && $0.contains("exit.signal=9") })
    }

    @Test func aGatewayThatFailsToStartHaltsInsteadOfLooping() async throws {
        let service = try ServiceProcess(label: "boot", environment: ["RESUME_AGENT_FAULT": "gateway-boot-crash"])
        defer { service.terminate() }
        let status = try await service.waitForExit(timeout: .seconds(20))
        #expect(status != 0)
        // Said once, clearly, and never retried: the cause would repeat.
        #expect(service.log.filter { $0.contains("gateway failed to start; not restarting") && $0.contains("exit.code=3") }.count == 1)
        #expect(!service.log.contains { $0.contains("restarting gateway") })
        #expect(service.processGroupMembers().isEmpty)
    }

    @Test func watchdogPingsStopWhileTheGatewayIsFrozen() async throws {
        let service = try ServiceProcess(label: "wdog", environment: ["WATCHDOG_USEC": "2000000"])
        defer { service.terminate() }
        let notify = try #require(service.notify)
        _ = try await service.waitUntilReady()
        // Healthy: pings at least every second.
        let start = notify.messages.count
        try await eventually("three watchdog pings", timeout: .seconds(4)) {
            notify.messages.dropFirst(start).filter { $0.text == "WATCHDOG=1" }.count >= 3
        }
        let pings = notify.messages.dropFirst(start).filter { $0.text == "WATCHDOG=1" }.map(\.at)
        for (earlier, later) in zip(pings, pings.dropFirst()) { #expect(later - earlier <= .seconds(1)) }

        let gateway = try #require(service.children("gateway").first)
        kill(gateway.pid, SIGSTOP)
        // Allow one ping already in flight, then none for well over a ping interval. These two
        // waits are the assertion itself: an absence has no event to await, so the test watches
        // a window longer than the 1 s ping interval.
        try await Task.sleep(for: .milliseconds(600))
        let frozenFrom = notify.messages.count
        try await Task.sleep(for: .milliseconds(1500))
        let whileFrozen = notify.messages.dropFirst(frozenFrom).filter { $0.text == "WATCHDOG=1" }.count
        #expect(whileFrozen == 0)

        kill(gateway.pid, SIGCONT)
        let resumedFrom = notify.messages.count
        try await notify.wait(for: "WATCHDOG=1 after SIGCONT", from: resumedFrom, timeout: .seconds(3)) { $0 == "WATCHDOG=1" }
        #expect(service.children("gateway").first?.pid == gateway.pid)
    }

    @Test func sigtermDrainsAndLeavesNoProcessBehind() async throws {
        let service = try ServiceProcess(label: "term")
        defer { service.terminate() }
        let notify = try #require(service.notify)
        _ = try await service.waitUntilReady()
        #expect(service.processGroupMembers().count == 4)  // supervisor, gateway, 2 workers
        service.signal(SIGTERM)
        try await notify.wait(for: "STOPPING=1", timeout: .seconds(5)) { $0 == "STOPPING=1" }
        let status = try await service.waitForExit(timeout: .seconds(11))
        #expect(status == 0)
        #expect(service.processGroupMembers().isEmpty)
    }

    @Test func sigintFromATerminalAlsoDrains() async throws {
        let service = try ServiceProcess(label: "int")
        defer { service.terminate() }
        _ = try await service.waitUntilReady()
        // A terminal's Ctrl-C signals the whole foreground group; children must leave the
        // decision to the supervisor.
        kill(-service.pid, SIGINT)
        let status = try await service.waitForExit(timeout: .seconds(11))
        #expect(status == 0)
        #expect(service.processGroupMembers().isEmpty)
    }

    @Test func servesASocketFromSystemdSocketActivation() async throws {
        let (fd, port) = try Self.listeningSocket()
        defer { close(fd) }
        let service = try ServiceProcess(label: "sockact", inheritedListenFD: fd)
        defer { service.terminate() }
        _ = try await service.waitUntilReady()
        #expect(service.log.contains { $0.contains("using socket from systemd socket activation") })
        #expect(HTTP.get(port: port, path: "/healthz")?.status == 200)
        // A restarted gateway serves the same socket: nothing is rebound.
        let gateway = try #require(service.children("gateway").first)
        kill(gateway.pid, SIGKILL)
        try await eventually("restarted gateway serving the inherited socket", timeout: .seconds(3)) {
            guard let fresh = service.children("gateway").first, fresh.pid != gateway.pid else { return false }
            return HTTP.get(port: port, path: "/healthz")?.status == 200
        }
        // Workers never receive the listening socket.
        for worker in service.children("worker") {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(worker.pid)/fd")) ?? []
            let sockets = fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(worker.pid)/fd/\($0)") }
            #expect(sockets.filter { $0.hasPrefix("socket:") }.count <= 3)
        }
    }

    /// A TCP socket listening on 127.0.0.1 at a kernel-chosen port.
    static func listeningSocket() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw TimeoutError(what: "listening socket") }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

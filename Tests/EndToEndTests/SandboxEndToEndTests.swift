#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Workers that cannot hurt anyone (issue 12), shown on the real service: every worker is
/// confined and holds no provider key, and a worker that attacks its sandbox from inside (the
/// debug build's sandbox probe) is refused or killed, while the gateway reports it cleanly.
@Suite("Worker sandbox", .serialized, .timeLimit(.minutes(5)))
struct SandboxEndToEndTests {
    static let secret = "sk-e2e-never-leaves-the-supervisor-7f3a"

    static func procFile(_ pid: Int32, _ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/\(name)") else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func statusField(_ status: String, _ field: String) -> String? {
        status.split(separator: "\n").first { $0.hasPrefix(field + ":") }?
            .dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
    }

    @Test func everyWorkerIsConfinedAndNoChildHoldsAProviderKey() async throws {
        let service = try ServiceProcess(label: "confined", environment: ["OPENAI_API_KEY": Self.secret, "GEMINI_API_KEY": Self.secret])
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        // The key is there to leak: the supervisor has it.
        #expect(Self.procFile(service.pid, "environ")?.contains(Self.secret) == true)
        let workers = service.children("worker") + service.children("document-worker")
        #expect(workers.count == 3)
        for worker in workers {
            let status = try #require(Self.procFile(worker.pid, "status"), "status of \(worker.command)")
            #expect(Self.statusField(status, "NoNewPrivs") == "1", "\(worker.command)")
            #expect(Self.statusField(status, "Seccomp") == "2", "\(worker.command)")
            #expect(Self.statusField(status, "CapEff") == "0000000000000000", "\(worker.command)")
            #expect(Self.statusField(status, "CapPrm") == "0000000000000000", "\(worker.command)")
            // Run as root (a container, this machine), the bounding set goes too.
            if getuid() == 0 { #expect(Self.statusField(status, "CapBnd") == "0000000000000000", "\(worker.command)") }
        }
        for child in workers + service.children("gateway") {
            let environ = try #require(Self.procFile(child.pid, "environ"), "environ of \(child.command)")
            #expect(!environ.contains(Self.secret), "\(child.command) holds a provider key in its environment")
            #expect(!environ.contains("OPENAI_API_KEY") && !environ.contains("GEMINI_API_KEY"), "\(child.command)")
        }
        // /readyz says what confinement the workers run under.
        let ready = try #require(HTTP.get(port: port, path: "/readyz"))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(ready.body.utf8)) as? [String: Any])
        let sandbox = try #require(body["sandbox"] as? [String: Any])
        #expect(sandbox["seccomp"] as? Bool == true)
        #expect(sandbox["capabilities_dropped"] as? Bool == true)
        #expect((sandbox["landlock_abi"] as? Int).map { $0 >= 0 } == true)
    }

    // MARK: Attacks from inside

    /// How an attempt must end: refused with an error, or the worker killed by seccomp for
    /// the system call named (x86_64 numbers, as the trap logs them).
    enum Expected: Sendable, CustomStringConvertible {
        case refused
        case killed(syscall: Int)
        var description: String {
            switch self {
            case .refused: "refused"
            case .killed(let number): "killed at syscall \(number)"
            }
        }
    }

    struct Attack: Sendable, CustomStringConvertible {
        let kind: String
        /// The attempt, `{data}` standing for the data directory.
        let attempt: String
        let expected: Expected
        var description: String { "\(kind)/\(attempt) → \(expected)" }
    }

    static let documentAttacks: [Attack] = [
        Attack(kind: "document", attempt: "read:{data}/resume-agent.sqlite", expected: .refused),
        Attack(kind: "document", attempt: "list:{data}/sessions", expected: .refused),
        Attack(kind: "document", attempt: "write:{data}/escaped.txt", expected: .refused),
        Attack(kind: "document", attempt: "read:/proc/1/environ", expected: .refused),
        Attack(kind: "document", attempt: "connect:{port}", expected: .killed(syscall: 41)),  // socket(AF_INET)
        Attack(kind: "document", attempt: "exec:/bin/sh", expected: .killed(syscall: 59)),
        Attack(kind: "document", attempt: "ptrace:1", expected: .killed(syscall: 101)),
    ]

    static let agentAttacks: [Attack] = [
        Attack(kind: "agent", attempt: "read:{data}/resume-agent.sqlite", expected: .refused),
        Attack(kind: "agent", attempt: "list:{data}/sessions", expected: .refused),
        Attack(kind: "agent", attempt: "write:/tmp/escaped-\(getpid()).txt", expected: .refused),
        Attack(kind: "agent", attempt: "read:/proc/1/environ", expected: .refused),
        Attack(kind: "agent", attempt: "exec:/bin/sh", expected: .killed(syscall: 59)),
        Attack(kind: "agent", attempt: "ptrace:1", expected: .killed(syscall: 101)),
    ]

    /// A service whose workers of `attack.kind` make the attempt at each run. The data
    /// directory is known only once the service exists, so the attempt is completed then.
    static func service(_ attack: Attack, label: String) throws -> ServiceProcess {
        // The data directory is made by ServiceProcess; the probe's path names it in advance.
        let directory = TestEnvironment.temporaryDirectory(label)
        let data = (directory as NSString).appendingPathComponent("data")
        let attempt = attack.attempt.replacingOccurrences(of: "{data}", with: data)
            .replacingOccurrences(of: "{port}", with: "\(Self.loopbackPort)")
        return try ServiceProcess(
            label: label, dataDirectory: data, environment: ["RESUME_AGENT_SANDBOX_PROBE": "\(attack.kind)/\(attempt)"])
    }

    /// A loopback port with something listening (so a connect that got through would succeed).
    static let loopbackPort: Int = {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 8)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: bound.sin_port))  // the socket stays open for the test process's life
    }()

    /// The worker's log says what happened to the attempt, and the service lives on.
    static func expectOutcome(_ attack: Attack, in service: ServiceProcess) async throws {
        switch attack.expected {
        case .refused:
            try await eventually("probe refused", timeout: .seconds(5)) { service.log.contains { $0.contains("sandbox probe: refused") } }
        case .killed(let number):
            // The trap names the call before the kill; the supervisor names the kill.
            try await eventually("seccomp trap logged", timeout: .seconds(5)) {
                service.log.contains { $0.contains("sandbox refused a system call") && $0.contains("syscall=\(number) ") }
            }
            try await eventually("sandbox kill logged", timeout: .seconds(5)) {
                service.log.contains { $0.contains("worker killed by its sandbox") }
            }
        }
        #expect(!service.log.contains { $0.contains("sandbox probe: the attempt SUCCEEDED") }, "\(attack)")
        #expect(service.pollExit() == nil, "the service is still running after \(attack)")
    }

    @Test(arguments: documentAttacks)
    func aDocumentWorkerThatAttacksItsSandboxIsRefusedOrKilledAndTheUploadFailsCleanly(_ attack: Attack) async throws {
        let service = try Self.service(attack, label: "probe-doc")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.newSession()
        let upload = try await client.upload(
            "/api/v1/sessions/\(session)/resume", file: try Fixtures.data("resumes/alex-chen.md"), filename: "alex-chen.md",
            contentType: "text/markdown")
        switch attack.expected {
        case .refused:
            #expect(upload.status == 503, "\(upload.text)")
            #expect(upload.errorCode == "sandbox_refused")
        case .killed:
            #expect(upload.status == 422, "\(upload.text)")
            #expect(upload.errorCode == "processing_failed")
            #expect(upload.text.contains("sandbox forbids"), "the person is told why: \(upload.text)")
        }
        try await Self.expectOutcome(attack, in: service)
    }

    @Test(arguments: agentAttacks)
    func anAgentWorkerThatAttacksItsSandboxIsRefusedOrKilledAndTheRunFailsCleanly(_ attack: Attack) async throws {
        let service = try Self.service(attack, label: "probe-agent")
        defer { service.terminate() }
        let client = try await service.client()
        let session = try await client.preparedSession()
        let events = try await client.collect(session, try await client.message(session, "go"))
        let terminal = events.filter { ["run_completed", "run_failed", "run_interrupted"].contains($0.event ?? "") }
        #expect(terminal.count == 1)
        #expect(events.last?.event == "run_failed", "\(events.map { $0.event ?? "" })")
        switch attack.expected {
        case .refused:
            let error = events.last?.payload["error"] as? [String: Any]
            #expect((error?["message"] as? String)?.contains("was refused") == true, "\(events.last?.payload ?? [:])")
        case .killed: #expect(events.last?.payload["reason"] as? String == "worker_crashed")
        }
        try await Self.expectOutcome(attack, in: service)
    }
}

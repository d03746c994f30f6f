#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The guardrails on the real process model: revocation across restarts, floods refused
/// cleanly while another tenant is served, slow and oversized clients cut off.
@Suite("Guardrails end to end")
struct GuardrailEndToEndTests {
    static func cli(_ arguments: [String]) throws -> String {
        let (status, output) = try CommandLineTool.run(TestEnvironment.executable("resume-agent"), arguments)
        guard status == 0 else { throw TimeoutError(what: "resume-agent \(arguments.joined(separator: " ")) exited \(status)") }
        return output
    }

    /// Resident memory of a process, in MiB.
    static func rssMiB(_ pid: Int32) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    @Test func aRevokedTokenIsRefusedAtOnceAndAfterAGatewayRestart() async throws {
        let service = try ServiceProcess(label: "revoke")
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        let created = try Self.cli(["token", "create", "--tenant", "acme", "--data-dir", service.dataDirectory])
        let token = try #require(created.split(separator: "\n").last.map(String.init))
        let client = TestHTTPClient(port: port, token: token)
        #expect(try await client.post("/api/v1/sessions").status == 201)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(Self.cli(["token", "list", "--json", "--data-dir", service.dataDirectory]).utf8)) as? [[String: Any]])
        #expect(listed.allSatisfy { Set($0.keys).isSuperset(of: ["id", "tenant", "admin", "created_at", "last_used_at"]) && $0["token"] == nil })
        let id = try #require(listed.first { $0["tenant"] as? String == "acme" }?["id"] as? String)
        _ = try Self.cli(["token", "revoke", id, "--data-dir", service.dataDirectory])
        #expect(try await client.post("/api/v1/sessions").status == 401)
        let gateway = try #require(service.children("gateway").first)
        kill(gateway.pid, SIGKILL)
        try await eventually("a new gateway", timeout: .seconds(10)) {
            service.children("gateway").contains { $0.pid != gateway.pid } && HTTP.get(port: port, path: "/healthz")?.status == 200
        }
        #expect(try await client.post("/api/v1/sessions").status == 401)
    }

    @Test func floodsAreRefusedCleanlyWhileAnotherTenantCompletesItsJourney() async throws {
        // Uploads are parsed at debug-build speed here (multipart parsing is ~50× slower than in
        // release): 1 MiB files and 8 at once keep the test short; bench/ measures big uploads.
        let service = try ServiceProcess(label: "flood", arguments: ["--workers", "2"], configJSON: #"{"http": {"max_concurrent_uploads": 8}}"#)
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        _ = try Self.cli([
            "tenant", "create", "flood", "--max-sessions", "100", "--requests-per-minute", "100000", "--storage-mb", "5",
            "--data-dir", service.dataDirectory,
        ])
        let floodToken = try #require(try Self.cli(["token", "create", "--tenant", "flood", "--data-dir", service.dataDirectory]).split(separator: "\n").last.map(String.init))
        let flood = TestHTTPClient(port: port, token: floodToken)
        let uploadSession = try #require(try await flood.post("/api/v1/sessions").json["session_id"] as? String)
        let good = try await service.client()
        let gateway = try #require(service.children("gateway").first).pid
        let before = Self.rssMiB(gateway)
        async let journey: Void = {
            let session = try await good.preparedSession(autoApprove: true)
            for message in ["Analyze my gaps", "Tailor my resume"] {
                let events = try await good.collect(session, try await good.message(session, message))
                #expect(events.last?.event == "run_completed", "\(message): \(events.last?.event ?? "none")")
            }
            #expect(try await good.post("/api/v1/sessions/\(session)/export", ["format": "pdf"]).status == 201)
        }()
        // 10,000 session attempts from one token: past its quota every one is a clean 403.
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for lane in 0..<8 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in stride(from: lane, to: 10_000, by: 8) { seen.append(try await flood.post("/api/v1/sessions").status) }
                    return seen
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(statuses.count == 10_000)
        #expect(statuses.filter { $0 == 201 }.count == 99)
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 403 || $0 == 429 }, "\(Set(statuses))")
        // 100 parallel 1 MiB uploads: streamed to disk, bounded in number (503 past it), and
        // refused past the tenant's storage (403), before their bodies are read once it is full.
        let session = uploadSession
        let big = Data(repeating: 0x61, count: 1024 * 1024 - 4096)
        var peak = before
        let uploads = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<100 {
                group.addTask {
                    // Eight at a time at debug-build parsing speed on a shared machine: a
                    // waiting upload may be slow, never unanswered (120 s bounds it).
                    try await flood.upload(
                        "/api/v1/sessions/\(session)/files/upload", file: big, filename: "big\(index).txt", contentType: "text/plain", timeout: 120
                    ).status
                }
            }
            var seen: [Int] = []
            for try await status in group {
                seen.append(status)
                peak = max(peak, Self.rssMiB(gateway))
            }
            return seen
        }
        #expect(uploads.allSatisfy { [201, 403, 503].contains($0) }, "\(Set(uploads))")
        #expect(uploads.contains(201))
        try await journey
        let after = Self.rssMiB(gateway)
        print("gateway RSS MiB: before \(before), peak during uploads \(peak), after \(after)")
        // Uploads stream to disk: the attempts (100 MiB in all) never sit in the gateway's memory.
        #expect(peak < before + 64)
    }

    @Test func slowAndOversizedClientsAreCutOffWithoutHurtingOthers() async throws {
        let config = #"{"http": {"head_timeout_seconds": 1, "body_timeout_seconds": 2, "max_header_bytes": 8192}}"#
        let service = try ServiceProcess(label: "slow", configJSON: config)
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        // A slow-loris: headers trickled a line at a time, never finished.
        let loris = try RawConnection(port: port, timeout: 5)
        defer { loris.close() }
        let started = ContinuousClock.now
        try loris.send(Data("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
        var closedAfter: Duration?
        for index in 0..<20 {
            // The slow client's pace: one header line every 250 ms, unless the server hangs up first.
            if (try? loris.send(Data("X-Trickle-\(index): a\r\n".utf8))) == nil || loris.waitForClose(upTo: .milliseconds(250)) {
                closedAfter = ContinuousClock.now - started
                break
            }
            // Other clients are served meanwhile.
            #expect(HTTP.get(port: port, path: "/healthz")?.status == 200)
        }
        #expect(closedAfter != nil && closedAfter! < .seconds(4), "closed after \(String(describing: closedAfter))")
        // A body announced and never sent.
        let trickle = try RawConnection(port: port, timeout: 5)
        defer { trickle.close() }
        try trickle.send(Data("POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{".utf8))
        try await eventually("the trickled body to be cut off", timeout: .seconds(5)) { trickle.isClosedByPeer() }
        // An oversized header is refused.
        let huge = try RawConnection(port: port, timeout: 5)
        defer { huge.close() }
        try? huge.send(Data("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n".utf8))
        let answer = huge.readAll()
        #expect(!answer.contains("200 OK"), "an oversized header is never served")
        #expect(HTTP.get(port: port, path: "/healthz")?.status == 200)
    }

    @Test func anUploadThatAsksToContinueIsToldToAtOnce() async throws {
        // curl sends `Expect: 100-continue` with bodies over 1 MiB and waits a second for the go-ahead.
        let service = try ServiceProcess(label: "continue")
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        let client = try await service.client()
        let session = try #require(try await client.post("/api/v1/sessions").json["session_id"] as? String)
        let boundary = "----continue"
        let body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--\(boundary)--\r\n".utf8)
        let connection = try RawConnection(port: port, timeout: 5)
        defer { connection.close() }
        try connection.send(Data((
            "POST /api/v1/sessions/\(session)/files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(client.token ?? "")\r\n"
            + "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: \(body.count)\r\nExpect: 100-continue\r\n\r\n").utf8))
        // The go-ahead comes before a byte of the body is sent (the receive timeout is 5 s, curl waits 1 s).
        #expect(connection.readHead().hasPrefix("HTTP/1.1 100 Continue"))
        try connection.send(body)
        #expect(connection.readHead().hasPrefix("HTTP/1.1 201"))
    }

    @Test func healthStaysUpWhenEveryWorkerIsBusy() async throws {
        let service = try ServiceProcess(label: "busy", arguments: ["--workers", "1", "--max-workers", "1"])
        defer { service.terminate() }
        let port = try await service.waitUntilReady()
        let client = try await service.client()
        // A tailoring run holds the only worker while its first edit waits for a person.
        let session = try await client.preparedSession()
        _ = try await client.collect(session, try await client.message(session, "Analyze my gaps"))
        let run = try await client.message(session, "Tailor my resume")
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where event.event == "tool_call_proposed" { break }
        #expect(HTTP.get(port: port, path: "/healthz")?.status == 200)
        let ready = HTTP.get(port: port, path: "/readyz")
        #expect(ready?.status == 200 || ready?.status == 503)
        #expect(ready?.body.contains("\"workers\"") == true)
        _ = try await client.post("/api/v1/sessions/\(session)/runs/\(run)/interrupt")
    }
}

/// A raw TCP connection to 127.0.0.1, for clients that misbehave on purpose.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int, timeout: Int) throws {
        fd = try Connection.connect(port: port, receiveTimeoutSeconds: timeout)
    }

    func send(_ data: Data) throws {
        let sent = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == data.count else { throw TimeoutError(what: "send") }
    }

    /// True when the server has closed its side: whatever it sent first (an error response)
    /// is read and dropped, then a read returns end of stream (or the connection was reset).
    func isClosedByPeer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n > 0 { continue }
            if n == 0 { return true }
            return errno == ECONNRESET || errno == EPIPE
        }
    }

    /// Waits up to `limit` for the server to close the connection (or send something);
    /// returns whether it has closed. A slow client's pause, cut short by the server's close.
    func waitForClose(upTo limit: Duration) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)
        _ = poll(&descriptor, 1, milliseconds)
        return isClosedByPeer()
    }

    func readAll() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads one response head (through its blank line), byte by byte so nothing after it is taken.
    func readHead() -> String {
        var data = [UInt8]()
        var byte: UInt8 = 0
        while !data.ends(with: [13, 10, 13, 10]), recv(fd, &byte, 1, 0) == 1 { data.append(byte) }
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(fd) }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

// TestHTTPClient.swift here is a symlink to the end-to-end tests' client: one HTTP/SSE
// client for tests and benchmarks.

struct TimeoutError: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// The API under load: a release service with the scripted provider streaming N tokens with
/// no delay, driven over real HTTP/SSE on loopback.
enum APIBench {
    struct Service {
        let pid: pid_t
        let client: TestHTTPClient
        let directory: String
        let script: String

        func setScript(_ turns: [[String: Any]]) throws {
            try JSONSerialization.data(withJSONObject: turns).write(to: URL(fileURLWithPath: script), options: .atomic)
        }

        func stop() {
            kill(pid, SIGTERM)
            reap(pid)
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    static func tokens(_ count: Int) -> String {
        // 24-character words: the worker streams one word per delta, like one token each.
        (0..<count).map { String(format: "token%019d", $0) }.joined(separator: " ")
    }

    /// The whole journey on the built-in local provider, as a user drives it: upload the PDF,
    /// give the JD, analyse, tailor (auto-approve), export PDF. Wall time seen by the client.
    static func journey(binDirectory: String) async throws -> [Row] {
        let service = try await start(binDirectory: binDirectory, workers: 2, maxWorkers: 16, provider: "local")
        defer { service.stop() }
        let client = service.client
        var totals = Samples()
        for _ in 0..<10 {
            let t0 = ContinuousClock.now
            let id = try await client.post("/api/v1/sessions", ["auto_approve": true]).json["session_id"] as? String ?? ""
            _ = try await client.upload("/api/v1/sessions/\(id)/resume", file: try Data(contentsOf: fixtures.appendingPathComponent("resumes/alex-chen.pdf")),
                                        filename: "alex.pdf", contentType: "application/pdf")
            _ = try await client.post("/api/v1/sessions/\(id)/jd", ["text": try String(contentsOf: fixtures.appendingPathComponent("jds/senior-backend-platform.txt"), encoding: .utf8)])
            for message in ["Analyze my gaps", "Tailor my resume"] {
                let run = try await client.post("/api/v1/sessions/\(id)/messages", ["content": message]).json["run_id"] as? String ?? ""
                for try await _ in client.events("/api/v1/sessions/\(id)/runs/\(run)/stream") {}
            }
            let export = try await client.post("/api/v1/sessions/\(id)/export", ["format": "pdf"])
            guard export.status == 201 else { throw TimeoutError(what: "export \(export.text)") }
            totals.add((ContinuousClock.now - t0).microseconds / 1000)
        }
        return [Row(name: "local journey: import→analysis→rewrite→PDF p50/p95", value: String(format: "%.0f / %.0f ms", totals.percentile(50), totals.percentile(95)))]
    }

    static func start(binDirectory: String, workers: Int, maxWorkers: Int, provider: String = "scripted") async throws -> Service {
        let directory = "/tmp/ra-bench-api-\(getpid())-\(provider)"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = "\(directory)/script.json"
        try "[]".write(toFile: script, atomically: true, encoding: .utf8)
        var fds: [Int32] = [-1, -1]
        pipe(&fds)
        let pid = spawn("\(binDirectory)/resume-agent",
                        ["serve", "--port", "0", "--data-dir", "\(directory)/data", "--workers", "\(workers)", "--max-workers", "\(maxWorkers)"],
                        extraEnvironment: ["RESUME_AGENT_PROVIDERS": provider, "RESUME_AGENT_SCRIPT": script, "RESUME_AGENT_LOG_LEVEL": "warning",
                                           "RESUME_AGENT_RUN_TIMEOUT_S": "600"],
                        stdoutFD: fds[1], stderrFD: -1)
        close(fds[1])
        var output = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !output.contains("ready at") || !output.hasSuffix("\n") {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            output += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        let port = Int(output.split(separator: ":").compactMap { Int($0.prefix { $0.isNumber }) }.first { $0 > 1000 } ?? 0)
        // Not a terminal: the first token is in the 0600 file the service writes.
        let token = (try? String(contentsOfFile: "\(directory)/data/initial-token", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return Service(pid: pid, client: TestHTTPClient(port: port, token: token), directory: directory, script: script)
    }

    static func session(_ client: TestHTTPClient) async throws -> String {
        let id = try await client.post("/api/v1/sessions").json["session_id"] as? String ?? ""
        _ = try await client.upload("/api/v1/sessions/\(id)/resume", file: try Data(contentsOf: fixtures.appendingPathComponent("resumes/alex-chen.md")),
                                    filename: "alex.md", contentType: "text/markdown")
        _ = try await client.post("/api/v1/sessions/\(id)/jd", ["text": try String(contentsOf: fixtures.appendingPathComponent("jds/senior-backend-platform.txt"), encoding: .utf8)])
        return id
    }

    struct RunTiming {
        var started: Double
        var firstDelta: Double
        var total: Double
        var events: Int
    }

    /// Posts a message and reads its stream to the end, timing from just before the POST.
    static func timedRun(_ client: TestHTTPClient, _ session: String) async throws -> RunTiming {
        let t0 = ContinuousClock.now
        let run = try await client.post("/api/v1/sessions/\(session)/messages", ["content": "go"]).json["run_id"] as? String ?? ""
        var timing = RunTiming(started: 0, firstDelta: 0, total: 0, events: 0)
        for try await event in client.events("/api/v1/sessions/\(session)/runs/\(run)/stream") where !event.isComment {
            let ms = (ContinuousClock.now - t0).microseconds / 1000
            timing.events += 1
            if event.event == "run_started" { timing.started = ms }
            if event.event == "assistant_delta", timing.firstDelta == 0 { timing.firstDelta = ms }
        }
        timing.total = (ContinuousClock.now - t0).microseconds / 1000
        return timing
    }

    static func run(binDirectory: String) async throws -> [Row] {
        var rows: [Row] = []
        let service = try await start(binDirectory: binDirectory, workers: 16, maxWorkers: 80)
        defer { service.stop() }
        let client = service.client
        try service.setScript([["text": tokens(50), "usage": ["input_tokens": 500, "output_tokens": 50]]])
        try await Task.sleep(for: .seconds(1))
        rows.append(Row(name: "API idle PSS whole service", value: "\(servicePSS(service.pid) / 1024) MiB"))

        // 1 run at a time.
        let single = try await session(client)
        var started = Samples(), first = Samples()
        for _ in 0..<100 {
            let timing = try await timedRun(client, single)
            started.add(timing.started)
            first.add(timing.firstDelta)
        }
        rows.append(Row(name: "1 run: POST→run_started p50/p95/p99", value: String(format: "%.1f / %.1f / %.1f ms", started.percentile(50), started.percentile(95), started.percentile(99))))
        rows.append(Row(name: "1 run: POST→first delta p50/p95/p99", value: String(format: "%.1f / %.1f / %.1f ms", first.percentile(50), first.percentile(95), first.percentile(99))))

        // 64 runs at a time.
        var sessions: [String] = []
        for _ in 0..<64 { sessions.append(try await session(client)) }
        let rounds = 5
        let wall = ContinuousClock.now
        var peakPSS = 0
        let results = try await withThrowingTaskGroup(of: [RunTiming].self) { group in
            for id in sessions {
                group.addTask {
                    var timings: [RunTiming] = []
                    for _ in 0..<rounds { timings.append(try await timedRun(client, id)) }
                    return timings
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(1))
                return []
            }
            var all: [RunTiming] = []
            for try await batch in group {
                all += batch
                peakPSS = max(peakPSS, servicePSS(service.pid))
            }
            return all
        }
        let seconds = (ContinuousClock.now - wall).microseconds / 1e6
        var started64 = Samples(), first64 = Samples()
        for timing in results {
            started64.add(timing.started)
            first64.add(timing.firstDelta)
        }
        rows.append(Row(name: "64 concurrent: POST→run_started p50/p95/p99", value: String(format: "%.1f / %.1f / %.1f ms", started64.percentile(50), started64.percentile(95), started64.percentile(99))))
        rows.append(Row(name: "64 concurrent: POST→first delta p50/p95/p99", value: String(format: "%.1f / %.1f / %.1f ms", first64.percentile(50), first64.percentile(95), first64.percentile(99))))
        rows.append(Row(name: "64 concurrent: completed runs/s", value: String(format: "%.0f runs/s (%d runs)", Double(results.count) / seconds, results.count)))
        rows.append(Row(name: "PSS whole service under load", value: "\(peakPSS / 1024) MiB"))

        // One 2,000-token run to 1 and to 10 subscribers.
        try service.setScript([["text": tokens(2000)]])
        for subscribers in [1, 10] {
            let id = try await session(client)
            let run = try await client.post("/api/v1/sessions/\(id)/messages", ["content": "go"]).json["run_id"] as? String ?? ""
            let t0 = ContinuousClock.now
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<subscribers {
                    group.addTask {
                        var count = 0
                        for try await event in client.events("/api/v1/sessions/\(id)/runs/\(run)/stream") where !event.isComment { count += 1 }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = (ContinuousClock.now - t0).microseconds / 1e6
            rows.append(Row(name: "2,000-token run, \(subscribers) subscriber(s)", value: String(format: "%.0f events/s persisted, %.0f delivered", Double(counts / subscribers) / elapsed, Double(counts) / elapsed)))
        }

        // Interrupt → stream closed.
        try service.setScript([["text": "waiting", "hang": true]])
        var interrupts = Samples()
        let stuck = try await session(client)
        for _ in 0..<20 {
            let run = try await client.post("/api/v1/sessions/\(stuck)/messages", ["content": "go"]).json["run_id"] as? String ?? ""
            var t0: ContinuousClock.Instant?
            for try await event in client.events("/api/v1/sessions/\(stuck)/runs/\(run)/stream") where !event.isComment {
                if event.event == "assistant_delta", t0 == nil {
                    t0 = .now
                    _ = try await client.post("/api/v1/sessions/\(stuck)/runs/\(run)/interrupt")
                }
            }
            if let t0 { interrupts.add((ContinuousClock.now - t0).microseconds / 1000) }
        }
        rows.append(Row(name: "interrupt → stream closed p50", value: format(interrupts.percentile(50), "ms")))

        // Approve → run finished.
        try service.setScript([["tool_calls": [["name": "write_file", "arguments": ["path": "notes/bench.md", "content": "hello"]]]], ["text": "done"]])
        var approvals = Samples()
        let approving = try await session(client)
        for _ in 0..<20 {
            let run = try await client.post("/api/v1/sessions/\(approving)/messages", ["content": "go"]).json["run_id"] as? String ?? ""
            var t0: ContinuousClock.Instant?
            for try await event in client.events("/api/v1/sessions/\(approving)/runs/\(run)/stream") where !event.isComment {
                if event.event == "tool_call_proposed", let approval = event.payload["approval_id"] as? String {
                    t0 = .now
                    _ = try await client.post("/api/v1/sessions/\(approving)/approvals/\(approval)/approve")
                }
            }
            if let t0 { approvals.add((ContinuousClock.now - t0).microseconds / 1000) }
        }
        rows.append(Row(name: "approve → run finished p50", value: format(approvals.percentile(50), "ms")))

        // GET session under 100 open SSE streams (10 runs waiting for approval × 10 subscribers).
        try service.setScript([["tool_calls": [["name": "write_file", "arguments": ["path": "notes/wait.md", "content": "x"]]]]])
        var waiting: [(String, String)] = []
        for _ in 0..<10 {
            let id = try await session(client)
            waiting.append((id, try await client.post("/api/v1/sessions/\(id)/messages", ["content": "go"]).json["run_id"] as? String ?? ""))
        }
        var gets = Samples()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (id, run) in waiting {
                for _ in 0..<10 {
                    group.addTask { for try await _ in client.events("/api/v1/sessions/\(id)/runs/\(run)/stream", timeout: 120) {} }
                }
            }
            try await Task.sleep(for: .seconds(1))
            for index in 0..<500 {
                let t0 = ContinuousClock.now
                _ = try await client.get("/api/v1/sessions/\(waiting[index % 10].0)")
                gets.add((ContinuousClock.now - t0).microseconds / 1000)
            }
            for (id, run) in waiting { _ = try await client.post("/api/v1/sessions/\(id)/runs/\(run)/interrupt") }
            try await group.waitForAll()
        }
        rows.append(Row(name: "GET session under 100 SSE streams p50/p95/p99", value: String(format: "%.2f / %.2f / %.2f ms", gets.percentile(50), gets.percentile(95), gets.percentile(99))))
        return rows
    }

    /// PSS of the supervisor and all its children.
    static func servicePSS(_ supervisor: pid_t) -> Int {
        ([supervisor] + RSSBench.childrenOf(supervisor).map(\.0)).compactMap(proportionalKiB).reduce(0, +)
    }
}

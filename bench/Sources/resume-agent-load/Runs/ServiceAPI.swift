import Foundation
import NIOCore
import NIOHTTP1

/// The contract's routes as one virtual user calls them: each call timed under its route
/// label, failures counted by route, status and error code. What a well-behaved client does
/// on failure is the retry policy: `503`/`429` wait for `Retry-After` and try again; in chaos
/// mode so do refused/reset connections and other 5xx (the gateway is restarting). A failure
/// the client gives up on is a final error.
struct ServiceAPI: Sendable {
    let client: HTTPClient
    let recorder: Recorder
    let chaos: Bool
    /// How long a client keeps retrying through a restart before it gives up.
    var retryWindow: Duration = .seconds(30)
    /// True once the service under test has exited: nothing to wait for any more.
    var serviceGone: @Sendable () -> Bool = { false }

    struct Failure: Error, CustomStringConvertible {
        let route: String
        let status: Int
        let code: String
        var description: String { "\(route): \(status == 0 ? "transport" : "\(status)") \(code)" }
    }

    /// A call's result, with whether it was retried after a transport failure (then a 409 on a
    /// POST may mean the first attempt did land).
    struct Answer: Sendable {
        let result: HTTPResult
        let retriedAfterTransportFailure: Bool
        var status: Int { result.status }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(result.bytes))) as? [String: Any] ?? [:] }
        var errorCode: String { ((json["error"] as? [String: Any])?["code"] as? String) ?? "" }
    }

    /// Performs `send` until it gets a status that is not retried; statuses in `accept` and the
    /// 4xx the caller handles come back, others are recorded.
    func call(_ route: String, accept: Set<Int>, _ send: @Sendable () async throws -> HTTPResult) async throws -> Answer {
        let deadline = ContinuousClock.now + retryWindow
        var backoff = Duration.milliseconds(50)
        var retriedTransport = false
        var attempts = 0
        while true {
            attempts += 1
            let start = ContinuousClock.now
            do {
                let result = try await send()
                recorder.route(route, ms: ContinuousClock.now.milliseconds(since: start))
                if accept.contains(result.status) { return Answer(result: result, retriedAfterTransportFailure: retriedTransport) }
                let answer = Answer(result: result, retriedAfterTransportFailure: retriedTransport)
                let code = answer.errorCode
                // In chaos mode a job (import, export) whose worker was killed answers 422
                // `processing_failed` ("crashed the parser"): the file is fine, so a person
                // tries again. Counted as retried, so the report shows it.
                let chaosCasualty = chaos && (result.status >= 500 || (result.status == 422 && code == "processing_failed"))
                let retryable = result.status == 503 || result.status == 429 || chaosCasualty
                if retryable, ContinuousClock.now < deadline, attempts < 20 {
                    recorder.error(route: route, status: result.status, code: code, retried: true)
                    let retryAfter = result.headers.first(name: "Retry-After").flatMap(Double.init) ?? 0.2
                    try await Task.sleep(for: .milliseconds(Int(min(max(retryAfter, 0.05), 2) * 1000)))
                    continue
                }
                return answer  // the caller decides (409 and friends), or records it as final
            } catch let error as HTTPClientError where error.isTransport || (chaos && error.description == "timed out") {
                guard chaos, ContinuousClock.now < deadline, !serviceGone() else {
                    recorder.error(route: route, status: 0, code: error.description, retried: false)
                    throw Failure(route: route, status: 0, code: error.description)
                }
                recorder.error(route: route, status: 0, code: error.description, retried: true)
                retriedTransport = true
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(1))
            } catch let error as HTTPClientError {
                recorder.error(route: route, status: 0, code: error.description, retried: false)
                throw Failure(route: route, status: 0, code: error.description)
            }
        }
    }

    /// Records an answer the caller could not use as a final error and throws.
    func fail(_ route: String, _ answer: Answer) -> Failure {
        recorder.error(route: route, status: answer.status, code: answer.errorCode, retried: false)
        return Failure(route: route, status: answer.status, code: answer.errorCode)
    }

    // MARK: Routes

    func createSession() async throws -> String {
        let route = "POST /sessions"
        let answer = try await call(route, accept: [201]) { try await client.post("/api/v1/sessions", json: [:]) }
        guard answer.status == 201, let id = answer.json["session_id"] as? String else { throw fail(route, answer) }
        return id
    }

    func uploadResume(_ session: String, _ file: Fixture) async throws {
        let route = "POST /sessions/{id}/resume"
        let answer = try await call(route, accept: [201]) {
            try await client.upload("/api/v1/sessions/\(session)/resume", file: file.bytes, filename: file.name, contentType: file.contentType)
        }
        guard answer.status == 201 else { throw fail(route, answer) }
    }

    func giveJobDescription(_ session: String, _ text: String) async throws {
        let route = "POST /sessions/{id}/jd"
        let answer = try await call(route, accept: [201]) { try await client.post("/api/v1/sessions/\(session)/jd", json: ["text": text]) }
        guard answer.status == 201 else { throw fail(route, answer) }
    }

    func file(_ session: String, _ path: String, route: String) async throws -> String {
        let answer = try await call(route, accept: [200]) { try await client.get("/api/v1/sessions/\(session)/files/\(path)") }
        guard answer.status == 200 else { throw fail(route, answer) }
        return answer.result.text
    }

    func session(_ session: String, route: String = "GET /sessions/{id}") async throws -> Answer {
        try await call(route, accept: [200, 404]) { try await client.get("/api/v1/sessions/\(session)") }
    }

    func listFiles(_ session: String) async throws -> [[String: Any]] {
        let route = "GET /sessions/{id}/files"
        let answer = try await call(route, accept: [200]) { try await client.get("/api/v1/sessions/\(session)/files") }
        guard answer.status == 200 else { throw fail(route, answer) }
        return answer.json["files"] as? [[String: Any]] ?? []
    }

    func export(_ session: String, format: String) async throws -> Answer {
        try await call("POST /sessions/{id}/export", accept: [201, 409]) {
            try await client.post("/api/v1/sessions/\(session)/export", json: ["format": format])
        }
    }

    func pendingApprovals(_ session: String) async throws -> [[String: Any]] {
        let route = "GET /sessions/{id}/approvals"
        let answer = try await call(route, accept: [200]) { try await client.get("/api/v1/sessions/\(session)/approvals") }
        guard answer.status == 200 else { throw fail(route, answer) }
        return answer.json["approvals"] as? [[String: Any]] ?? []
    }

    func decide(_ session: String, approval: String, approve: Bool) async throws -> Answer {
        let verb = approve ? "approve" : "reject"
        return try await call("POST /sessions/{id}/approvals/{id}/\(verb)", accept: [200, 409, 404]) {
            try await client.post("/api/v1/sessions/\(session)/approvals/\(approval)/\(verb)", json: approve ? [:] : ["reason": "load test: not this one"])
        }
    }

    func interrupt(_ session: String, run: String) async throws -> Answer {
        try await call("POST /sessions/{id}/runs/{id}/interrupt", accept: [202, 404, 409]) {
            try await client.post("/api/v1/sessions/\(session)/runs/\(run)/interrupt", json: [:])
        }
    }

    func runs(_ session: String) async throws -> [[String: Any]] {
        let route = "GET /sessions/{id}/runs"
        let answer = try await call(route, accept: [200]) { try await client.get("/api/v1/sessions/\(session)/runs") }
        guard answer.status == 200 else { throw fail(route, answer) }
        return answer.json["runs"] as? [[String: Any]] ?? []
    }
}

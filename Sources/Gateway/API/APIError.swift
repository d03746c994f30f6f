import Foundation
import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// The one error type handlers throw. It renders the contract's body
/// `{"error": {"code", "message", "details"}}`; no handler builds an error body itself.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let details: JSONValue?
    public let retryAfterSeconds: Int?
    /// Extra response headers (`Allow` on a 405).
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, details: JSONValue? = nil, retryAfterSeconds: Int? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let details { error["details"] = details }
        let body = try JSONEncoder().encode(JSONValue.object(["error": .object(error)]))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        if let retryAfterSeconds { headers[.retryAfter] = "\(retryAfterSeconds)" }
        headers.append(contentsOf: self.headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    // MARK: The contract's codes

    public static let unauthorized = APIError(.unauthorized, "unauthorized", "A valid API token is required (Authorization: Bearer <token>).")

    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, "not_found", "\(what) was not found.")
    }

    public static func invalidRequest(_ message: String, details: JSONValue? = nil) -> APIError {
        APIError(.badRequest, "invalid_request", message, details: details)
    }

    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "payload_too_large", "The request body is larger than the limit of \(ByteCount.describe(limit)).",
                 details: ["limit_bytes": .number(Double(limit))])
    }

    public static func unsupportedMediaType(_ message: String) -> APIError {
        APIError(.unsupportedMediaType, "unsupported_media_type", message)
    }

    /// 409: `action` is not allowed while the session is `from`.
    public static func invalidTransition(from: SessionState, action: WorkflowAction) -> APIError {
        let target = Workflow.target(of: action)
        let allowed = Workflow.rules.filter { $0.action == action }.flatMap(\.from).map(\.rawValue)
        var details: [String: JSONValue] = [
            "from": .string(from.rawValue), "action": .string(action.rawValue),
            "allowed_from": .array(Set(allowed).sorted().map(JSONValue.string)),
        ]
        if let target { details["to"] = .string(target.rawValue) }
        let message = target.map { "The session is '\(from.rawValue)'; it cannot go to '\($0.rawValue)' from there." }
            ?? "The session is '\(from.rawValue)'; '\(action.rawValue)' is not possible from there."
        return APIError(.conflict, "invalid_state_transition", message, details: .object(details))
    }

    public static func runInProgress(_ runId: String) -> APIError {
        APIError(.conflict, "run_in_progress", "The session already has a run in progress; wait for it to end or interrupt it.",
                 details: ["run_id": .string(runId)])
    }

    public static func costCapReached(cost: Double, cap: Double) -> APIError {
        APIError(HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), "cost_cap_reached",
                 String(format: "This session has used $%.4f of its $%.2f budget; no further model calls can be made.", cost, cap),
                 details: ["cost_usd": .number(cost), "cost_cap_usd": .number(cap)])
    }

    public static func overloaded(retryAfter: Int = 2) -> APIError {
        APIError(.serviceUnavailable, "overloaded", "The server is busy; try again shortly.", retryAfterSeconds: retryAfter)
    }

    public static func rateLimited(retryAfter: Int, message: String = "Too many requests; slow down.", details: JSONValue? = nil) -> APIError {
        APIError(.tooManyRequests, "rate_limited", message, details: details, retryAfterSeconds: retryAfter)
    }

    /// 402: the tenant's daily budget is spent (a session's own cap is `cost_cap_reached`).
    public static func budgetExceeded(spent: Double, budget: Double) -> APIError {
        APIError(HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), "budget_exceeded",
                 String(format: "This account has used $%.4f of its $%.2f daily budget; new runs can start tomorrow (UTC).", spent, budget),
                 details: ["spent_usd": .number(spent), "budget_usd": .number(budget)])
    }

    /// 403: a quota (sessions, storage) is used up.
    public static func quotaExceeded(_ what: String, used: Int, limit: Int, message: String) -> APIError {
        APIError(.forbidden, "quota_exceeded", message,
                 details: ["quota": .string(what), "used": .number(Double(used)), "limit": .number(Double(limit))])
    }

    public static let forbidden = APIError(.forbidden, "forbidden", "This needs an administrator's token.")

    /// Maps workspace refusals to the contract (never a 500 for a path a user chose).
    public static func from(_ failure: Workspace.Failure, path: String) -> APIError {
        switch failure {
        case .invalidPath: .invalidRequest("'\(path.prefix(200))' is not a valid workspace path.")
        case .notFound: .notFound("File")
        case .tooLarge(let limit): .payloadTooLarge(limit: limit)
        case .symlink: .invalidRequest("That path leaves the workspace.")
        case .conflict: APIError(.conflict, "path_conflict", "'\(path.prefix(200))' conflicts with an existing file or folder.")
        case .io: APIError(.serviceUnavailable, "storage_unavailable", "The file could not be stored right now; try again.", retryAfterSeconds: 1)
        }
    }

    /// Maps store refusals to the contract.
    public static func from(_ error: StoreError, resource: String = "Session") -> APIError {
        switch error {
        case .notFound: .notFound(resource)
        case .invalidTransition(let from, _): APIError(.conflict, "invalid_state_transition", "The session is '\(from.rawValue)'; that is not possible from there.", details: ["from": .string(from.rawValue)])
        case .runInProgress(let runId): .runInProgress(runId)
        case .costCapReached(let cost, let cap): .costCapReached(cost: cost, cap: cap)
        case .alreadyExists(let name): APIError(.conflict, "already_exists", "'\(name)' already exists.")
        case .quotaExceeded(let what, let used, let limit):
            .quotaExceeded(what, used: used, limit: limit, message: "This account has \(used) \(what); its limit is \(limit). Delete some to make room.")
        case .tooManyRuns(let active, let limit):
            .rateLimited(retryAfter: 5, message: "This account already has \(active) runs going (its limit is \(limit)); wait for one to end.",
                         details: ["active_runs": .number(Double(active)), "limit": .number(Double(limit))])
        case .alreadyDecided(let status):
            APIError(.conflict, "already_decided", "This approval was already \(status.rawValue).", details: ["status": .string(status.rawValue)])
        }
    }
}

enum ByteCount {
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 { return "\(bytes / (1024 * 1024)) MiB" }
        if bytes >= 1024 { return "\(bytes / 1024) KiB" }
        return "\(bytes) bytes"
    }
}

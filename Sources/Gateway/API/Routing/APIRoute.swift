import HTTPTypes
import Hummingbird
import IPC
import Store

/// One route of the HTTP API: how it is served and how the OpenAPI document describes it —
/// one definition, so the description cannot drift from what the server enforces.
struct APIRoute: Sendable {
    typealias Handler = @Sendable (Request, APIContext, RouteInput) async throws -> Response

    /// What the request carries.
    enum Body: Sendable {
        /// Nothing (an empty body, or `{}`, is accepted for POSTs that take no input).
        case none
        /// A JSON object validated against the schema before the handler runs.
        case json(Schema, required: Bool)
        /// `multipart/form-data` with these fields; the file field is streamed to disk.
        case multipart(fileField: String, fields: [(String, Schema)])
    }

    /// What a successful response carries.
    enum Output: Sendable {
        case json(Schema)
        case eventStream
        /// Bytes of any type (workspace files).
        case bytes
        /// Bytes of one binary type (a page image: `image/png`).
        case binary(contentType: String)
        case text(contentType: String)
        case empty
    }

    enum Access: Sendable {
        /// No token (health, readiness, the OpenAPI document).
        case open
        /// A tenant's bearer token.
        case token
        /// An administrator's token (`token create --admin`): metrics, the usage dashboard.
        case admin
    }

    /// A path parameter: its pattern (checked before any lookup), or a catch-all tail.
    struct Parameter: Sendable {
        let name: String
        let schema: Schema
        var catchAll = false
        var description: String? = nil
    }

    let method: HTTPRequest.Method
    /// OpenAPI form: `/api/v1/sessions/{session_id}/runs/{run_id}`.
    let path: String
    let summary: String
    var access: Access = .token
    var parameters: [Parameter] = []
    var query: [(name: String, schema: Schema)] = []
    var body: Body = .none
    let status: HTTPResponse.Status
    var output: Output = .json(.any)
    /// Response headers the route sets (described in the document).
    var headers: [String] = []
    let handler: Handler

    /// Hummingbird's form of the path (`:session_id`, `**` for a catch-all tail).
    var routerPath: String {
        var result = path
        for parameter in parameters {
            result = result.replacingOccurrences(of: "{\(parameter.name)}", with: parameter.catchAll ? "**" : ":\(parameter.name)")
        }
        return result
    }
}

/// What a route's handler receives beyond the request: the caller's session (for routes
/// under `/sessions/{session_id}`), the validated body.
struct RouteInput: Sendable {
    /// Looked up (and checked against the caller's tenant) before the body is read.
    var session: SessionRecord?

    /// The validated JSON object (`[:]` for routes without a JSON body or an empty body).
    var json: [String: JSONValue] = [:]
    /// The received multipart upload.
    var upload: MultipartUpload?
}

extension RouteInput {
    func requireSession() throws -> SessionRecord {
        guard let session else { throw APIError.notFound("Session") }
        return session
    }
}

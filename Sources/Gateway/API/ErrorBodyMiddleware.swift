import Hummingbird
import Logging

/// Every error leaves in the contract's shape: errors raised below the API's own handlers
/// (the router refusing a malformed path, a body cut off by the server) are `HTTPError`s with
/// an empty body; this gives them `{"error": {"code", "message"}}` like every other.
struct ErrorBodyMiddleware: RouterMiddleware {
    typealias Context = APIContext

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            Self.log(error, request, context)
            throw error
        } catch let error as HTTPError {
            var headers = error.headers
            headers[.contentType] = nil
            headers[.contentLength] = nil
            let refusal = APIError(error.status, Self.code(error.status), error.body ?? Self.message(error.status), headers: headers)
            Self.log(refusal, request, context)
            throw refusal
        }
    }

    /// One line per refused request, with its reason as a code: never the message, body or
    /// query (they may carry what a person typed), only the method, path (ids, no query) and status.
    static func log(_ error: APIError, _ request: Request, _ context: APIContext) {
        let metadata: Logger.Metadata = [
            "http.method": "\(request.method)", "http.path": "\(request.uri.path)",
            "http.status": "\(error.status.code)", "error.code": "\(error.code)",
        ]
        if error.status.code >= 500 {
            context.logger.error("request failed", metadata: metadata)
        } else {
            context.logger.info("request refused", metadata: metadata)
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "invalid_request"
        case 401: "unauthorized"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 429: "rate_limited"
        case 503: "overloaded"
        default: status.code < 500 ? "invalid_request" : "unavailable"
        }
    }

    static func message(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The request could not be read (a malformed path, header or body)."
        case 404: "Nothing is here."
        case 413: "The request is larger than the server accepts."
        default: status.reasonPhrase.isEmpty ? "The request failed." : "\(status.reasonPhrase)."
        }
    }
}

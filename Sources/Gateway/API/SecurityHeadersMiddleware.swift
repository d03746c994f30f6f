import HTTPTypes
import Hummingbird

/// Headers every response carries: no sniffing, no referrer, never framed by another origin.
/// The web UI's own page also gets its content security policy here (a header, not only a
/// `<meta>`: `frame-ancestors` works only as a header). A route that sets a stricter policy of
/// its own (a previewed HTML file) keeps it.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = APIContext

    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; frame-src 'self' blob: about:; object-src 'none'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            Self.apply(&response.headers)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            Self.apply(&response.headers)
            return response
        }
    }

    static func apply(_ headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        headers[.crossOriginResourcePolicy] = "same-origin"
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = pagePolicy }
    }
}

/// Answers only for the host names it was told to (the loopback names by default when it
/// listens on loopback): a page on another site that re-points its own name at 127.0.0.1 (DNS
/// rebinding) gets 421 instead of the API, the metrics or the UI.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let allowed: Set<String>

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard !allowed.isEmpty else { return try await next(request, context) }
        let host = Self.name(request.head.authority ?? "")
        guard allowed.contains(host) else {
            context.logger.warning("request for an unknown host refused", metadata: ["host": "\(host.prefix(100))"])
            throw APIError(HTTPResponse.Status(code: 421, reasonPhrase: "Misdirected Request"), "misdirected_request",
                           "This server does not answer for that host name.")
        }
        return try await next(request, context)
    }

    /// The host name of a `Host` value, lowercased, without its port (`[::1]:8080` → `[::1]`).
    static func name(_ authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let end = lowered.firstIndex(of: "]") { return String(lowered[...end]) }
        return String(lowered.split(separator: ":", maxSplits: 1).first ?? "")
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let crossOriginResourcePolicy = HTTPField.Name("Cross-Origin-Resource-Policy")!
}

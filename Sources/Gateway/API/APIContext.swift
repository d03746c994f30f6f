import Hummingbird
import Logging
import NIOCore

/// Request context of the public API: who is calling (set by `AuthMiddleware`).
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling (set by `AuthMiddleware` on every `/api/v1` route).
    public var caller: TokenAuthenticator.Caller?
    public var tenantId: String? { caller?.tenantId }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// JSON bodies are small; uploads are read by their routes with their own limit.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The authenticated tenant (the middleware guarantees one on API routes).
    public func tenant() throws -> String {
        guard let tenantId else { throw APIError.unauthorized }
        return tenantId
    }
}

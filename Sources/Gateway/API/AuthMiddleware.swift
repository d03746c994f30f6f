import Hummingbird
import Logging
import ServiceLifecycle
import ServiceSupport
import Store
import Synchronization

/// Bearer-token authentication. Tokens are stored as SHA-256 hashes and looked up on every
/// request (a primary-key read): a token revoked by `resume-agent token revoke` — another
/// process — is refused at once, and across gateway restarts. The hash lookup is an index
/// match on a digest of the secret, so its timing says nothing useful about the secret.
public final class TokenAuthenticator: Sendable {
    /// Who is calling.
    public struct Caller: Sendable {
        public let tenantId: String
        public let tokenId: String
        public let admin: Bool
    }

    let store: Store
    /// When each token was last used, written to the store in batches (never per request).
    private let lastUsed = Mutex<[String: String]>([:])

    public init(store: Store) {
        self.store = store
    }

    /// The caller behind `token`, or nil for an unknown or revoked one.
    public func caller(for token: String) async -> Caller? {
        let hash = SHA256.hex(Array(token.utf8))
        guard let record = try? await store.activeToken(sha256: hash) else { return nil }
        lastUsed.withLock { $0[record.id] = Timestamp.now() }
        return Caller(tenantId: record.tenantId, tokenId: record.id, admin: record.admin)
    }

    /// Writes the pending last-used times.
    func flushActivity() async {
        let pending = lastUsed.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        try? await store.touchTokens(pending)
    }
}

/// Flushes tokens' last-used times every `interval`, and once more at shutdown.
struct TokenActivityService: Service {
    let authenticator: TokenAuthenticator
    let interval: Duration
    let clock: AnyClock

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await clock.sleep(for: interval)
                await authenticator.flushActivity()
            }
        }
        await authenticator.flushActivity()
    }
}

/// Requires `Authorization: Bearer <token>`, puts the caller in the context, and applies the
/// tenant's request rate per token (429 `rate_limited` with `Retry-After`).
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = APIContext
    let authenticator: TokenAuthenticator
    let limiter: RateLimiter
    let limits: @Sendable (String) async -> TenantLimits

    public func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let token = Self.bearer(request), let caller = await authenticator.caller(for: token) else { throw APIError.unauthorized }
        if let perMinute = await limits(caller.tenantId).requestsPerMinute, let wait = limiter.take(caller.tokenId, perMinute: perMinute) {
            context.logger.info("request rate limited", metadata: ["tenant.id": "\(caller.tenantId)", "token.id": "\(caller.tokenId)"])
            throw APIError.rateLimited(retryAfter: wait, message: "This token sent more than \(perMinute) requests in a minute; wait \(wait) s.")
        }
        var context = context
        context.caller = caller
        context.logger[metadataKey: "tenant.id"] = "\(caller.tenantId)"
        return try await next(request, context)
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        return token.isEmpty || token.utf8.count > 256 ? nil : token
    }
}

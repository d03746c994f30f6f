import Hummingbird
import ServiceSupport
import Store
import Synchronization

/// Bearer-token authentication. Tokens are stored as SHA-256 hashes; known ones are cached
/// in memory, an unknown one costs one primary-key lookup (so `token create` takes effect at
/// once). A leak of how a *hash* compares says nothing useful about the token.
public final class TokenAuthenticator: Sendable {
    let store: Store
    private let cache = Mutex<[String: String]>([:])

    public init(store: Store) {
        self.store = store
    }

    /// The tenant of `token`, or nil.
    public func tenant(for token: String) async -> String? {
        let hash = SHA256.hex(Array(token.utf8))
        if let tenant = lookup(hash) { return tenant }
        guard let tenant = try? await store.tenant(forTokenSHA256: hash) else { return nil }
        cache.withLock { $0[hash] = tenant }
        return tenant
    }

    /// Finds the cached entry whose hash equals `hash`, comparing in constant time.
    private func lookup(_ hash: String) -> String? {
        cache.withLock { tokens in
            var found: String?
            for (candidate, tenant) in tokens where ConstantTime.equals(candidate, hash) {
                found = tenant
            }
            return found
        }
    }
}

enum ConstantTime {
    static func equals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Requires `Authorization: Bearer <token>` and puts the tenant in the context.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = APIContext
    let authenticator: TokenAuthenticator

    public func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { throw APIError.unauthorized }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard token.utf8.count <= 256, let tenant = await authenticator.tenant(for: token) else { throw APIError.unauthorized }
        var context = context
        context.tenantId = tenant
        context.logger[metadataKey: "tenant.id"] = "\(tenant)"
        return try await next(request, context)
    }
}

import ServiceSupport

/// The store keeps tokens as SHA-256 hex; tests look tenants up the same way.
enum ServiceSupportHash {
    static func hex(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }
}

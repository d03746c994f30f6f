import Foundation

/// Decides whether the server may connect to a host a user gave it (a job-description URL),
/// to stop server-side request forgery: no loopback, private, link-local, metadata or other
/// internal addresses, however they are spelled.
///
/// Pure functions, no network. The caller resolves the name, asks ``check(host:port:resolved:)``,
/// and then must connect only to the addresses it checked (for curl, `CURLOPT_RESOLVE` pinned
/// to them) and re-check on every redirect; otherwise DNS rebinding walks around the check.
public struct AddressPolicy: Sendable {
    /// Why a destination was refused. Stable raw values for logs and API details.
    public enum Reason: String, Sendable, Codable {
        case unsupportedScheme = "unsupported_scheme"
        case invalidHost = "invalid_host"
        case localName = "local_name"
        case loopback
        case privateNetwork = "private_network"
        case linkLocal = "link_local"
        case metadata
        case uniqueLocal = "unique_local"
        case unspecified
        case sharedAddressSpace = "shared_address_space"
        case multicast
        case broadcast
        case reserved
        case ipv4Embedded = "ipv4_embedded"
        case noAddresses = "no_addresses"
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        case refused(Reason)

        public var isAllowed: Bool { self == .allowed }
    }

    /// An operator's exception: a `host:port` (port `*` for any), a bare host, or an address block.
    public enum AllowRule: Hashable, Sendable {
        case host(String, port: Int?)
        case network(IPNetwork)

        /// Parses `"intranet.example:8080"`, `"intranet.example"`, `"10.1.2.0/24"`, `"[fd00::1]:443"`.
        public init?(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !trimmed.isEmpty else { return nil }
            if trimmed.contains("/"), let network = IPNetwork(trimmed) {
                self = .network(network)
                return
            }
            let (host, port) = AddressPolicy.splitHostPort(trimmed)
            guard !host.isEmpty else { return nil }
            if port == nil, let address = IPAddress(host), let network = IPNetwork(address.description) {
                self = .network(network)
                return
            }
            self = .host(host, port: port)
        }
    }

    public var allowList: [AllowRule]

    public init(allowList: [AllowRule] = []) {
        self.allowList = allowList
    }

    /// Creates a policy from operator configuration strings; unparseable entries are returned
    /// separately so the operator can be told.
    public init(allowListEntries: [String]) {
        self.allowList = allowListEntries.compactMap(AllowRule.init)
    }

    // MARK: - Checks

    /// Checks a URL before resolving: scheme http/https, a host, and, when the host is an address
    /// literal in any spelling or a local name, the verdict on it.
    public func check(url: String) -> Decision {
        guard let (scheme, host, port) = Self.components(of: url) else { return .refused(.invalidHost) }
        guard scheme == "http" || scheme == "https" else { return .refused(.unsupportedScheme) }
        let effectivePort = port ?? (scheme == "https" ? 443 : 80)
        if isAllowListed(host: host, port: effectivePort) { return .allowed }
        return check(hostName: host)
    }

    /// Checks a host and the addresses it resolved to. Every address must be acceptable: one
    /// internal address among public ones is how rebinding attacks hide.
    public func check(host: String, port: Int?, resolved: [IPAddress]) -> Decision {
        let name = Self.normalizedHost(host)
        if isAllowListed(host: name, port: port) { return .allowed }
        let hostDecision = check(hostName: name)
        guard hostDecision.isAllowed else { return hostDecision }
        guard !resolved.isEmpty else { return .refused(.noAddresses) }
        for address in resolved {
            let decision = check(address: address)
            if !decision.isAllowed { return decision }
        }
        return .allowed
    }

    /// Like ``check(host:port:resolved:)`` with addresses as text; text that is not an address refuses.
    public func check(host: String, port: Int?, resolved: [String]) -> Decision {
        var addresses: [IPAddress] = []
        for text in resolved {
            guard let address = IPAddress(text) else { return .refused(.invalidHost) }
            addresses.append(address)
        }
        return check(host: host, port: port, resolved: addresses)
    }

    /// The verdict on one address, allow-list included.
    public func check(address: IPAddress) -> Decision {
        if allowList.contains(where: { if case .network(let network) = $0 { network.contains(address) } else { false } }) {
            return .allowed
        }
        return Self.classify(address).map(Decision.refused) ?? .allowed
    }

    // MARK: - Host names

    private func check(hostName host: String) -> Decision {
        guard !host.isEmpty, host.count <= 253 else { return .refused(.invalidHost) }
        if let address = IPAddress(host) { return check(address: address) }
        if Self.isLocalName(host) { return .refused(.localName) }
        // Looks numeric but is not an address inet_aton accepts ("0x7f.1.1.1.1", "1.2.3.999"):
        // resolvers disagree on these, so refuse rather than guess.
        if host.split(separator: ".").allSatisfy({ $0.allSatisfy { $0.isHexDigit || $0 == "x" || $0 == "X" } })
            && host.contains(where: \.isNumber) && host.split(separator: ".").last?.allSatisfy(\.isLetter) != true {
            return .refused(.invalidHost)
        }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }) else {
            return .refused(.invalidHost)
        }
        return .allowed
    }

    static func isLocalName(_ host: String) -> Bool {
        let name = normalizedHost(host)
        if ["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "metadata.google.internal", "metadata"].contains(name) {
            return true
        }
        return [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan"].contains { name.hasSuffix($0) }
    }

    private func isAllowListed(host: String, port: Int?) -> Bool {
        let name = Self.normalizedHost(host)
        return allowList.contains { rule in
            switch rule {
            case .host(let allowedHost, let allowedPort):
                return allowedHost == name && (allowedPort == nil || allowedPort == port)
            case .network(let network):
                return IPAddress(name).map(network.contains) ?? false
            }
        }
    }

    static func normalizedHost(_ host: String) -> String {
        var name = host.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    static func splitHostPort(_ text: String) -> (String, Int?) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            return (String(text[..<colon]), port == "*" ? nil : Int(port))
        }
        return (text, nil)
    }

    /// Scheme, host and port of an absolute URL; user info is skipped (`http://a@127.0.0.1/`).
    static func components(of url: String) -> (String, String, Int?)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let (host, port) = splitHostPort(String(rest))
        let normalized = normalizedHost(host)
        guard !normalized.isEmpty else { return nil }
        return (scheme, normalized, port)
    }

    // MARK: - Address classes

    /// Why an address is not a public destination, or `nil` when it is.
    static func classify(_ address: IPAddress) -> Reason? {
        switch address {
        case .v4(let value): classifyIPv4(value)
        case .v6(let bytes): classifyIPv6(bytes, address: address)
        }
    }

    private static let ipv4Blocks: [(String, Reason)] = [
        ("169.254.169.254/32", .metadata),
        ("255.255.255.255/32", .broadcast),
        ("0.0.0.0/8", .unspecified),
        ("10.0.0.0/8", .privateNetwork),
        ("100.64.0.0/10", .sharedAddressSpace),
        ("127.0.0.0/8", .loopback),
        ("169.254.0.0/16", .linkLocal),
        ("172.16.0.0/12", .privateNetwork),
        ("192.0.0.0/24", .reserved),
        ("192.0.2.0/24", .reserved),
        ("192.88.99.0/24", .reserved),
        ("192.168.0.0/16", .privateNetwork),
        ("198.18.0.0/15", .reserved),
        ("198.51.100.0/24", .reserved),
        ("203.0.113.0/24", .reserved),
        ("224.0.0.0/4", .multicast),
        ("240.0.0.0/4", .reserved),
    ]

    private static let ipv4Networks: [(IPNetwork, Reason)] = ipv4Blocks.compactMap { text, reason in
        IPNetwork(text).map { ($0, reason) }
    }

    private static func classifyIPv4(_ value: UInt32) -> Reason? {
        ipv4Networks.first { $0.0.contains(.v4(value)) }?.1
    }

    private static let ipv6Blocks: [(String, Reason)] = [
        ("::/128", .unspecified),
        ("::1/128", .loopback),
        ("fd00:ec2::254/128", .metadata),
        ("fe80::/10", .linkLocal),
        ("fec0::/10", .privateNetwork),
        ("fc00::/7", .uniqueLocal),
        ("ff00::/8", .multicast),
        ("::ffff:0:0/96", .ipv4Embedded),
        ("::ffff:0:0:0/96", .ipv4Embedded),
        ("::/96", .ipv4Embedded),
        ("64:ff9b:1::/48", .ipv4Embedded),
        ("100::/64", .reserved),
        ("2001::/32", .ipv4Embedded),
        ("2001:db8::/32", .reserved),
        ("2001:10::/28", .reserved),
    ]

    private static let ipv6Networks: [(IPNetwork, Reason)] = ipv6Blocks.compactMap { text, reason in
        IPNetwork(text).map { ($0, reason) }
    }

    private static let nat64 = IPNetwork("64:ff9b::/96")
    private static let sixToFour = IPNetwork("2002::/16")
    private static let globalUnicast = IPNetwork("2000::/3")

    private static func classifyIPv6(_ bytes: [UInt8], address: IPAddress) -> Reason? {
        if let reason = ipv6Networks.first(where: { $0.0.contains(address) })?.1 { return reason }
        // NAT64 and 6to4 carry an IPv4 address; the gateway will connect to it, so judge that.
        if nat64?.contains(address) == true, let v4 = address.embeddedIPv4Low {
            return classifyIPv4(v4).map { _ in .ipv4Embedded }
        }
        if sixToFour?.contains(address) == true {
            let v4 = UInt32(bytes[2]) << 24 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 8 | UInt32(bytes[5])
            return classifyIPv4(v4).map { _ in .ipv4Embedded }
        }
        return globalUnicast?.contains(address) == true ? nil : .reserved
    }
}

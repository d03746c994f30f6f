import Foundation

/// A URL taken apart once, and put back together from the parts that were checked, so curl
/// connects to exactly the host the policy saw (no parser differential between us and curl).
struct FetchTarget: Sendable, Equatable {
    var scheme: String
    /// Lowercased, without brackets; an address literal in canonical form.
    var host: String
    var port: Int
    var pathAndQuery: String

    init(_ text: String) throws(JobPageFetchError) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased()
        else { throw .notAllowed("invalid_url") }
        guard scheme == "http" || scheme == "https" else { throw .notAllowed("unsupported_scheme") }
        var host = (components.percentEncodedHost ?? "").lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        // Non-ASCII or encoded names would be converted by curl (IDN) after our check.
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_:".contains($0)) }) else {
            throw .notAllowed("invalid_host")
        }
        if let address = IPAddress(host) { host = address.description }
        self.scheme = scheme
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.pathAndQuery = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// The host as it appears in a URL or a `CURLOPT_RESOLVE` entry.
    var urlHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The canonical URL: no user info, no fragment.
    var url: String { "\(scheme)://\(urlHost):\(port)\(pathAndQuery)" }

    /// Pins `host:port` to `addresses` for curl.
    func resolveEntry(_ addresses: [IPAddress]) -> String {
        let list = addresses.map { address -> String in
            if case .v6 = address { return "[\(address)]" }
            return address.description
        }
        return "\(urlHost):\(port):" + list.joined(separator: ",")
    }
}

import ArgumentParser
import Foundation
import ServiceSupport

/// `resume-agent token create --tenant NAME`: mints an API token for a tenant.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a tenant; prints it alone on the last line."
        )

        @Option(name: .customLong("data-dir"), help: "The server's data directory (default $STATE_DIRECTORY or ./data).")
        var dataDirectory: String?

        @Option(help: "Tenant the token belongs to (created if new).")
        var tenant: String

        func validate() throws {
            guard TokenFile.isValidTenant(tenant) else {
                throw ValidationError("tenant must be 1–64 letters, digits, '-', '_' or '.'")
            }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let directory = dataDirectory ?? environment["STATE_DIRECTORY"].map { String($0.split(separator: ":")[0]) } ?? "./data"
            let token = try TokenFile(dataDirectory: directory).create(tenant: tenant)
            print("Created a token for tenant '\(tenant)'. Keep it secret; it is shown only once:")
            print(token)
        }
    }
}

/// Tokens stored as SHA-256 hashes, one JSON object per line, appended atomically.
/// (The API's SQLite store imports this file when it takes over.)
struct TokenFile {
    let dataDirectory: String
    var path: String { (dataDirectory as NSString).appendingPathComponent("tokens.jsonl") }

    static func isValidTenant(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    func create(tenant: String) throws -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let token = "ra_" + bytes.map { String(format: "%02x", $0) }.joined()
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
        )
        let record: [String: String] = [
            "tenant": tenant,
            "token_sha256": SHA256.hex(Array(token.utf8)),
            "created_at": ISO8601DateFormatter().string(from: Date()),
        ]
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        line.append(0x0a)
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        return token
    }
}

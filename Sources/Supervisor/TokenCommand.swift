import ArgumentParser
import Foundation
import Store

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
            guard (1...64).contains(tenant.count),
                  tenant.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw ValidationError("tenant must be 1–64 letters, digits, '-', '_' or '.'")
            }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let directory = dataDirectory ?? environment["STATE_DIRECTORY"].map { String($0.split(separator: ":")[0]) } ?? "./data"
            let token = try Store(dataDirectory: directory).createToken(tenantName: tenant)
            print("Created a token for tenant '\(tenant)'. Keep it secret; it is shown only once:")
            print(token)
        }
    }
}

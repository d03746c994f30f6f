import Foundation

/// Gateway configuration beyond the command line (limits, provider pricing, fetch allow-list).
public struct GatewaySettings: Sendable {
    public var limits: RunLimits
    public var pricing: ProviderPricing
    public var fetchAllowList: [String]
    public var publicDirectory: String?
    public var guardrails = GuardrailSettings()

    /// From the environment, after the config file's guardrail sections when one is given.
    public init(environment: [String: String], configFile: String? = nil) throws {
        self.init(environment: environment)
        if let configFile { try guardrails.apply(configFile: configFile) }
        guardrails.apply(environment: environment)
    }

    public init(environment: [String: String]) {
        limits = RunLimits.fromEnvironment(environment)
        pricing = ProviderPricing(environment: environment)
        fetchAllowList = (environment["RESUME_AGENT_FETCH_ALLOWLIST"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        publicDirectory = environment["RESUME_AGENT_PUBLIC_DIR"] ?? Self.bundledPublicDirectory()
    }

    /// The web UI SwiftPM copied next to the executable (`resume-agent_Gateway.resources`).
    /// Looked up by hand: `Bundle.module` stops the process when the bundle is missing, and a
    /// server without its UI should still serve its API.
    static func bundledPublicDirectory() -> String? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let directory = ((executable as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("resume-agent_Gateway.resources/Public")
        return FileManager.default.fileExists(atPath: directory) ? directory : nil
    }
}

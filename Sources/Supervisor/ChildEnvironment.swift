import ProviderCatalog

/// The environments the supervisor gives its children: each only what it needs, and none a
/// provider key. Only the supervisor keeps the keys in its environment (`/proc/PID/environ`
/// of the gateway or a worker holds none); the gateway gets them over its control link, an
/// agent worker with each agent run, a document worker never.
enum ChildEnvironment {
    /// Locale, time zone and logging: what any of our processes reads from its environment.
    static let basics: Set<String> = ["LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "TZ", "JOURNAL_STREAM"]

    /// The gateway: its own settings (`RESUME_AGENT_*`), the provider settings it prices with
    /// and forwards to agent runs, and the usual process variables. No key, whatever its name.
    static func gateway(from environment: [String: String]) -> [String: String] {
        let keys = ProviderSecrets.keyVariables(environment: environment)
        let settings = ProviderSecrets.settingVariables()
        let process: Set<String> = ["PATH", "HOME", "TMPDIR", "USER", "LOGNAME"]
        return environment.filter { name, _ in
            guard !keys.contains(name) else { return false }
            return name.hasPrefix("RESUME_AGENT_") || settings.contains(name) || basics.contains(name) || process.contains(name)
        }
    }

    /// A worker: locale, logging, the supervisor's pid (to die with it), a test's injected
    /// faults. Its providers, keys included, arrive with each agent run over IPC.
    static func worker(from environment: [String: String]) -> [String: String] {
        // RESUME_AGENT_SANDBOX_PROBE: only a debug (test) build's workers act on it.
        let own: Set<String> = ["HOME", "RESUME_AGENT_LOG_LEVEL", "RESUME_AGENT_SUPERVISOR_PID", "RESUME_AGENT_FAULT", "RESUME_AGENT_SANDBOX_PROBE"]
        var result = environment.filter { basics.contains($0.key) || own.contains($0.key) }
        // The Swift runtime's crash backtracer would exec a helper, which the sandbox forbids:
        // a crash would read as a sandbox kill. A crashed worker is reported by its exit.
        result["SWIFT_BACKTRACE"] = "enable=no"
        return result
    }
}

import Foundation

/// A service whose runs play a model script (the `scripted` test provider): the script file
/// is read by each worker when its run starts, so a test rewrites it before each message.
struct ScriptedService {
    let service: ServiceProcess
    let scriptPath: String

    init(label: String, environment: [String: String] = [:], arguments: [String] = []) throws {
        let directory = TestEnvironment.temporaryDirectory(label + "-script")
        scriptPath = (directory as NSString).appendingPathComponent("script.json")
        try "[]".write(toFile: scriptPath, atomically: true, encoding: .utf8)
        var env = environment
        env["RESUME_AGENT_PROVIDERS"] = "scripted"
        env["RESUME_AGENT_SCRIPT"] = scriptPath
        service = try ServiceProcess(label: label, arguments: arguments, environment: env)
    }

    /// Replaces the script (a JSON array of turns).
    func script(_ turns: [[String: Any]]) throws {
        let data = try JSONSerialization.data(withJSONObject: turns)
        try data.write(to: URL(fileURLWithPath: scriptPath), options: .atomic)
    }
}
